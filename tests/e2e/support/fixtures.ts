import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, type Browser, test as base, type ElectronApplication, type Page } from '@playwright/test'
import { type FakeCodex, startFakeCodex } from '../../../src/fake-codex/server'
import { seedConversations } from '../../../src/main/storage/seed'
import type { Conversation, Settings } from '../../../src/shared/domain'
import { freeLoopbackPort } from '../../../src/web/free-port'
import { findElectronBinary } from './electron-binary'
import { type HarnessProcess, REPO_ROOT, startHarnessProcess } from './harness-process'

export type Shell = 'web' | 'electron'

/** One running Codex Desk against the fake backend, with a page to drive it. */
export interface Desk {
  page: Page
  fake: FakeCodex
  dataDir: string
  /** Every message main sent to the page (web shell: WebSocket frames). */
  receivedFrames: string[]
  /** Console errors and uncaught exceptions of the page. */
  consoleErrors: string[]
  /** Stops the app and starts it again on the same data folder. */
  restart(): Promise<void>
}

interface Running {
  page: Page
  stop(): Promise<void>
}

export const test = base.extend<{
  shell: Shell
  /**
   * What the fresh data folder holds before the app first starts, written through the real store:
   * `test.use({ seed: { conversations } })`. (An object, not a bare array: Playwright reads `[value, options]` arrays.)
   */
  seed: { conversations: Conversation[]; settings?: Partial<Settings> } | undefined
  desk: Desk
}>({
  shell: ['web', { option: true }],
  seed: [undefined, { option: true }],
  desk: async ({ shell, seed, playwright, launchOptions, viewport }, use, testInfo) => {
    if (shell === 'electron') {
      const found = findElectronBinary()
      testInfo.skip('skipReason' in found, 'skipReason' in found ? found.skipReason : '')
    }
    const fake = await startFakeCodex()
    const dataDir = await mkdtemp(join(tmpdir(), 'codex-desk-e2e-'))
    const env = {
      CODEX_BASE_URL: fake.baseUrl,
      CODEX_AUTH_ISSUER: fake.issuerUrl,
      CODEX_OAUTH_PORT: String(await freeLoopbackPort()),
      CODEX_DESK_DATA_DIR: dataDir,
    }
    const receivedFrames: string[] = []
    const consoleErrors: string[] = []
    let browser: Browser | undefined

    function watch(page: Page): void {
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text())
      })
      page.on('pageerror', (error) => consoleErrors.push(error.message))
      page.on('websocket', (socket) => {
        socket.on('framereceived', (frame) => receivedFrames.push(String(frame.payload)))
      })
    }

    async function launch(): Promise<Running> {
      if (shell === 'electron') {
        const found = findElectronBinary()
        if (!('path' in found)) throw new Error(found.skipReason)
        const app: ElectronApplication = await _electron.launch({
          executablePath: found.path,
          args: [join(REPO_ROOT, 'out/main/index.js')],
          env: { ...process.env, ...env } as Record<string, string>,
        })
        const page = await app.firstWindow()
        watch(page)
        return { page, stop: () => app.close() }
      }
      browser ??= await playwright.chromium.launch(launchOptions)
      const harness: HarnessProcess = await startHarnessProcess(dataDir, env)
      const context = await browser.newContext({ viewport })
      const page = await context.newPage()
      watch(page)
      await page.goto(harness.launchUrl)
      return {
        page,
        stop: async () => {
          await context.close()
          await harness.stop()
        },
      }
    }

    if (seed) await seedConversations(dataDir, seed.conversations)
    // As the harness keeps settings (`config.json`, key `settings`), e.g. from an older version of the app.
    if (seed?.settings) await writeFile(join(dataDir, 'config.json'), JSON.stringify({ settings: seed.settings }))
    let running = await launch()
    const desk: Desk = {
      get page() {
        return running.page
      },
      fake,
      dataDir,
      receivedFrames,
      consoleErrors,
      async restart() {
        await running.stop()
        running = await launch()
      },
    }
    await use(desk)
    await running.stop()
    await browser?.close()
    await fake.close()
    await rm(dataDir, { recursive: true, force: true })
  },
})

export { expect } from '@playwright/test'
