/**
 * Codex Desk as a user runs it for the browser benchmarks: the bundled web harness (`npm run web`) over a seeded
 * data folder, against the fake backend, in a Chromium page watched by the page probe.
 */
import type { Browser, Page } from 'playwright-core'
import { type FakeCodex, startFakeCodex } from '../../src/fake-codex/server'
import { freeLoopbackPort } from '../../src/web/free-port'
import { type HarnessProcess, startHarnessProcess } from '../../tests/e2e/support/harness-process'
import { installProbe, KEEP_NAMES_SHIM, type PaintTimes, paintTimes, sidebarIsPainted } from './page-probe'

export interface AppSession {
  page: Page
  fake: FakeCodex
  /** Stops the app and starts it again on the same data folder, in a fresh page: a cold start. */
  restart(): Promise<void>
  close(): Promise<void>
}

const VIEWPORT = { width: 1280, height: 800 }

interface Running {
  page: Page
  stop(): Promise<void>
}

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
    const page = await context.newPage()
    await page.goto(harness.launchUrl)
    await page.getByRole('textbox', { name: 'Message' }).waitFor()
    return {
      page,
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

/** Resolves once the first sidebar entry has been painted, with the page's paint times. */
export async function sidebarPainted(page: Page): Promise<PaintTimes> {
  await page.waitForFunction(sidebarIsPainted)
  return page.evaluate(paintTimes)
}
