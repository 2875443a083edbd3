import { existsSync, mkdtempSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type FakeCodex, startFakeCodex } from '../../src/fake-codex/server'
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../src/shared/content-security-policy'
import { APP_URL, BUILT_PRELOAD, bootMain, invokeFrom, loadMain, unloadMain } from './support/boot-main'
import type { DoubleOptions, ElectronMainDouble } from './support/electron-main-double'

let fake: FakeCodex
let dataDir: string
let running: ElectronMainDouble | undefined

beforeEach(async () => {
  fake = await startFakeCodex()
  dataDir = mkdtempSync(join(tmpdir(), 'codex-desk-main-'))
})

afterEach(async () => {
  if (running) await quit(running)
  unloadMain()
  await fake.close()
})

const lockFile = () => join(dataDir, 'conversations/.lock')

async function boot(env: Record<string, string> = {}, options: Partial<DoubleOptions> = {}) {
  const booted = await bootMain(
    { CODEX_DESK_DATA_DIR: dataDir, CODEX_BASE_URL: fake.baseUrl, CODEX_AUTH_ISSUER: fake.issuerUrl, ...env },
    { singleInstanceLock: true, ...options },
  )
  running = booted.electron
  return booted
}

/** Quits as Electron does, and waits until main has let go of the conversations folder. */
async function quit(electron: ElectronMainDouble) {
  running = undefined
  electron.app.emit('will-quit', { preventDefault() {} })
  await vi.waitFor(() => expect(existsSync(lockFile())).toBe(false))
}

function navigationEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}

describe('the built desktop main process starting up', () => {
  it('opens one window with the hardened web preferences and the built preload', async () => {
    const { electron, window } = await boot()

    expect(electron.windows).toEqual([window])
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: BUILT_PRELOAD,
    })
    expect(existsSync(BUILT_PRELOAD)).toBe(true)
    expect(window.calls).toContain(`loadURL ${APP_URL}`)
  })

  it('keeps everything in the data folder CODEX_DESK_DATA_DIR names', async () => {
    const { electron } = await boot()

    expect(electron.app.getPath('userData')).toBe(dataDir)
    expect(existsSync(lockFile())).toBe(true)
  })

  it('gives every response the app’s content security policy and grants no permission', async () => {
    const { electron } = await boot()

    const headers = await electron.session.webRequest.headersFor({ url: APP_URL, responseHeaders: {} })
    const granted: boolean[] = []
    electron.session.permissionHandler?.(
      electron.windows[0].webContents as never,
      'media',
      (permission) => granted.push(permission),
      {} as never,
    )

    expect(headers?.['Content-Security-Policy']).toEqual([contentSecurityPolicy('electron')])
    expect(granted).toEqual([false])
    expect(electron.session.permissionCheckHandler?.(null, 'clipboard-read', '', {} as never)).toBe(false)
  })

  it('keeps the window on the app: navigation elsewhere is refused, web links open in the browser', async () => {
    const { electron, window } = await boot()
    const away = navigationEvent()
    const home = navigationEvent()

    window.webContents.emit('will-navigate', away, 'https://example.com/')
    window.webContents.emit('will-navigate', home, `${APP_URL}#/settings`)
    const opening = window.webContents.windowOpenHandler?.({ url: 'https://example.com/help' } as never)

    expect(away.defaultPrevented).toBe(true)
    expect(home.defaultPrevented).toBe(false)
    expect(opening).toEqual({ action: 'deny' })
    expect(electron.opened).toEqual(['https://example.com/help'])
  })
})

describe('the page, served from app://', () => {
  it('registers app:// as a standard, secure scheme before the app is ready', async () => {
    const { electron } = await boot()

    expect(electron.protocol.registeredBeforeReady).toBe(true)
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ])
  })

  it('serves the built page with the CSP header, and its meta tag says the same policy', async () => {
    const { electron } = await boot()

    const response = await electron.protocol.fetch(APP_URL)
    const html = await response.text()

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy('electron'))
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy('electron')}" />`,
    )
  })

  it('serves nothing from outside the built renderer folder', async () => {
    const { electron } = await boot()

    for (const path of ['..%2f..%2fpackage.json', '%2e%2e/%2e%2e/package.json', '../main/index.js']) {
      const response = await electron.protocol.fetch(`app://codex-desk/${path}`)
      expect([path, response.status]).toEqual([path, 404])
    }
    expect((await electron.protocol.fetch('app://codex-desk/%E0%A4%A')).status).toBe(400)
  })

  it('a packaged app ignores ELECTRON_RENDERER_URL: it loads its own page and gives IPC to nothing else', async () => {
    const devServer = 'http://127.0.0.1:9/'
    const { electron, window } = await boot({ ELECTRON_RENDERER_URL: devServer }, { packaged: true })

    expect(window.calls).toContain(`loadURL ${APP_URL}`)
    const fromDevServer = await invokeFrom(electron, { url: devServer, parent: null }, 'app:info')
    expect(fromDevServer).toMatchObject({ ok: false, error: { kind: 'invalid-payload' } })
  })

  it('under electron-vite dev the window loads the dev server, whose inline preamble the policy lets run', async () => {
    const devServer = 'http://localhost:5173/'
    const { electron, window } = await boot({ ELECTRON_RENDERER_URL: devServer }, { packaged: false })

    expect(window.calls).toContain(`loadURL ${devServer}`)
    const headers = await electron.session.webRequest.headersFor({ url: devServer, responseHeaders: {} })
    expect(headers?.['Content-Security-Policy']).toEqual([contentSecurityPolicy('electron', { development: true })])
  })
})

describe('IPC between the window and main', () => {
  it('answers an invoke from the app page’s top frame', async () => {
    const { electron } = await boot()

    const result = await invokeFrom(electron, { url: APP_URL, parent: null }, 'app:info')

    expect(result).toMatchObject({ ok: true, value: { shell: 'electron', dataDir } })
  })

  it('refuses an invoke from a frame showing another page', async () => {
    const { electron } = await boot()

    const result = await invokeFrom(electron, { url: 'https://example.com/', parent: null }, 'app:info')

    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-payload' } })
  })

  it('refuses an invoke from a frame inside the app page', async () => {
    const { electron } = await boot()
    const topFrame = { url: APP_URL, parent: null }

    const result = await invokeFrom(electron, { url: APP_URL, parent: topFrame }, 'app:info')

    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-payload' } })
  })

  it('sends what the services announce to the window', async () => {
    const { electron, window } = await boot()

    await invokeFrom(electron, { url: APP_URL, parent: null }, 'settings:update', { theme: 'dark' })

    expect(window.webContents.sent).toContainEqual([
      'codex:event:settings:changed',
      expect.objectContaining({ theme: 'dark' }),
    ])
  })
})

describe('the desktop’s own dialogs', () => {
  it('chooses a workspace folder with the system’s folder dialog, and a cancelled dialog chooses nothing', async () => {
    const { electron } = await boot()
    electron.folderDialog.answer = '/home/ada/projects/garden'

    const chosen = await invokeFrom(electron, { url: APP_URL, parent: null }, 'app:choose-folder')
    electron.folderDialog.answer = null
    const cancelled = await invokeFrom(electron, { url: APP_URL, parent: null }, 'app:choose-folder')

    expect(chosen).toEqual({ ok: true, value: '/home/ada/projects/garden' })
    expect(cancelled).toEqual({ ok: true, value: null })
    expect(electron.folderDialog.asked[0]?.properties).toContain('openDirectory')
  })
})

describe('the built main process importing a conversation', () => {
  it('checks the file in the worker built beside it and sends the progress to the window', async () => {
    const { electron, window } = await boot()
    const message = { id: 'm', role: 'user', createdAt: 1, parts: [{ kind: 'text', text: 'Hello' }], state: 'done' }
    const conversation = {
      ...{ id: 'x', title: 'Imported', createdAt: 1, updatedAt: 2, pinned: false, model: 'gpt-5.4', effort: null },
      ...{ messageCount: 1, preview: '', workspace: null, messages: [message] },
    }
    const content = JSON.stringify({ format: 'codex-desk.conversation', version: 1, conversation })

    const result = await invokeFrom(electron, { url: APP_URL, parent: null }, 'conversations:import', { content })

    expect(result).toMatchObject({ ok: true, value: { title: 'Imported', messageCount: 1 } })
    expect(window.webContents.sent).toContainEqual(['codex:event:conversations:import-progress', { done: 1, total: 1 }])
  })
})

describe('the built main process exporting a conversation', () => {
  it('writes the file the save dialog chose from the worker built beside it, and sends the progress to the window', async () => {
    const { electron, window } = await boot()
    const created = await invokeFrom(electron, { url: APP_URL, parent: null }, 'conversations:create')
    const { id } = (created as { value: { id: string } }).value
    const savedTo = join(dataDir, 'saved', 'New chat.md')
    await mkdir(dirname(savedTo))
    electron.saveDialog.answer = savedTo

    const result = await invokeFrom(electron, { url: APP_URL, parent: null }, 'conversations:export', {
      id,
      format: 'markdown',
    })

    expect(result).toEqual({ ok: true, value: { filename: 'New chat.md', savedTo, mimeType: 'text/markdown' } })
    expect(await readFile(savedTo, 'utf8')).toBe('# New chat\n')
    expect(window.webContents.sent).toContainEqual([
      'codex:event:conversations:export-progress',
      { id, done: 1, total: 1 },
    ])
  })
})

describe('one instance at a time', () => {
  it('brings the open window back when the app is launched again', async () => {
    const { electron, window } = await boot()
    window.minimized = true

    electron.app.emit('second-instance', { preventDefault() {} }, ['codex-desk'], dataDir, {})

    expect(window.calls).toEqual(expect.arrayContaining(['restore', 'focus']))
    expect(window.minimized).toBe(false)
  })

  it('a launch that does not get the single-instance lock quits without starting', () => {
    const saved = { ...process.env }
    const electron = loadMain({ CODEX_DESK_DATA_DIR: dataDir }, { singleInstanceLock: false })
    process.env = saved

    expect(electron.app.calls).toEqual(['quit'])
    expect(electron.ipcMain.handlers.size).toBe(0)
  })

  it('quitting lets go of the conversations, so the next launch can open them', async () => {
    const first = await boot()
    expect(existsSync(lockFile())).toBe(true)

    await quit(first.electron)
    const second = await boot()

    expect(second.electron.windows).toHaveLength(1)
  })
})
