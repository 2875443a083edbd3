/**
 * Codex Desk as a user runs it for the browser benchmarks: the bundled web harness (`npm run web`) over a seeded
 * data folder, against the fake backend, in a Chromium page watched by the page probe.
 */
import type { Browser, Page } from 'playwright-core'
import { type FakeCodex, startFakeCodex } from '../../src/fake-codex/server'
import { freeLoopbackPort } from '../../src/web/free-port'
import { type HarnessProcess, startHarnessProcess } from '../../tests/e2e/support/harness-process'
import { installProbe, KEEP_NAMES_SHIM } from './page-probe'

export interface AppSession {
  page: Page
  fake: FakeCodex
  /**
   * The first sidebar entry's paint in the page's current load (page clock), as the page probe reports it. Nothing
   * touches the page until then: Playwright's locators and polling run script in the page, which would delay the very
   * paint being measured.
   */
  sidebarPainted(): Promise<number>
  /** Reloads the page, as sidebarPainted describes. */
  reload(): Promise<void>
  /** Stops the app and starts it again on the same data folder, in a fresh page: a cold start. */
  restart(): Promise<void>
  close(): Promise<void>
}

const VIEWPORT = { width: 1280, height: 800 }

interface Running {
  page: Page
  painted: Promise<number>
  reload(): Promise<void>
  stop(): Promise<void>
}

/** The binding the page probe calls with the time of the first sidebar paint of each page load. */
export const SIDEBAR_PAINTED_BINDING = '__benchSidebarPainted'

export async function startAppSession(browser: Browser, dataDir: string): Promise<AppSession> {
  const fake = await startFakeCodex()
  const env = {
    CODEX_BASE_URL: fake.baseUrl,
    CODEX_AUTH_ISSUER: fake.issuerUrl,
    CODEX_OAUTH_PORT: String(await freeLoopbackPort()),
    CODEX_DESK_DATA_DIR: dataDir,
  }

  async function launch(): Promise<Running> {
    const harness: HarnessProcess = await startHarnessProcess(dataDir, env)
    const context = await browser.newContext({ viewport: VIEWPORT })
    await context.addInitScript(KEEP_NAMES_SHIM)
    await context.addInitScript(installProbe)
    let reportPaint: (at: number) => void = () => {}
    const nextPaint = () =>
      new Promise<number>((resolve, reject) => {
        // As long as Playwright's own waits: a page that never shows its list (e.g. the store is busy) fails the run.
        const timer = setTimeout(() => reject(new Error('The sidebar was not painted within 30 s')), 30_000)
        reportPaint = (at) => {
          clearTimeout(timer)
          resolve(at)
        }
      })
    await context.exposeBinding(SIDEBAR_PAINTED_BINDING, (_source, at: number) => reportPaint(at))
    const page = await context.newPage()
    let painted = nextPaint()
    await page.goto(harness.launchUrl, { waitUntil: 'commit' })
    await painted
    return {
      page,
      get painted() {
        return painted
      },
      async reload() {
        painted = nextPaint()
        await page.reload({ waitUntil: 'commit' })
        await painted
      },
      stop: async () => {
        await context.close()
        await harness.stop()
      },
    }
  }

  let running = await launch()
  return {
    get page() {
      return running.page
    },
    fake,
    sidebarPainted: () => running.painted,
    reload: () => running.reload(),
    async restart() {
      await running.stop()
      running = await launch()
    },
    async close() {
      await running.stop()
      await fake.close()
    },
  }
}

/** Signs in as a person does (Settings → Sign in with ChatGPT, approved by the fake issuer in a new tab). */
export async function signIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const tab = page.context().waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in with ChatGPT' }).click()
  await (await tab).waitForLoadState()
  await dialog.getByTestId('account-email').waitFor()
  await (await tab).close()
  await dialog.getByRole('button', { name: 'Close' }).click()
  await dialog.waitFor({ state: 'hidden' })
}
