import { join } from 'node:path'
import { app, BrowserWindow, type IpcMainInvokeEvent, ipcMain, protocol, session } from 'electron'
import { contentSecurityPolicy } from '../shared/content-security-policy'
import { appError } from '../shared/errors'
import { IPC_EVENT_PREFIX, IPC_INVOKE } from '../shared/ipc-bridge'
import { APP_INDEX_URL, APP_SCHEME, createAppProtocolHandler } from './app-protocol'
import { readServiceEnv } from './config'
import { createElectronConfigStore } from './platform/electron-config-store'
import { createElectronDesktop } from './platform/electron-desktop'
import { createElectronSecretBox } from './platform/electron-secret-box'
import { applySessionPolicies, lockAllNavigation } from './platform/electron-window-security'
import { createAppServices } from './services'

// CODEX_DESK_DATA_DIR moves everything (electron-store, conversations) before anything reads the path.
if (process.env.CODEX_DESK_DATA_DIR) app.setPath('userData', process.env.CODEX_DESK_DATA_DIR)

// electron-vite dev points the window at its dev server. A packaged app never does: whoever could set this
// variable would otherwise get a page of their choosing with the app's full IPC.
const rendererDevUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined
const appPageUrl = rendererDevUrl ?? APP_INDEX_URL
const policy = contentSecurityPolicy('electron', { development: rendererDevUrl !== undefined })

// Before the app is ready, as Electron requires: app:// behaves like https (standard URLs, a secure context, fetch).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

/** The app's own page, whatever its hash or query. */
function isAppUrl(url: string): boolean {
  if (rendererDevUrl) return url.startsWith(rendererDevUrl)
  return url.split(/[?#]/)[0] === APP_INDEX_URL
}

/** IPC is answered only for the app's own top frame, never for a frame that navigated elsewhere. */
function fromAppFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return frame !== null && frame.parent === null && isAppUrl(frame.url)
}

let mainWindow: BrowserWindow | null = null

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Codex Desk',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(appPageUrl)
  return window
}

async function start(): Promise<void> {
  await app.whenReady()
  const serveRenderer = createAppProtocolHandler(join(__dirname, '../renderer'), policy)
  protocol.handle(APP_SCHEME, (request) => serveRenderer(request.url))
  applySessionPolicies(session.defaultSession, policy)
  lockAllNavigation(isAppUrl)

  const services = await createAppServices(
    {
      shell: 'electron',
      appVersion: app.getVersion(),
      dataDir: app.getPath('userData'),
      secretBox: createElectronSecretBox(),
      config: createElectronConfigStore(),
      desktop: createElectronDesktop(),
    },
    readServiceEnv(),
  )

  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) => {
    if (!fromAppFrame(event)) {
      return { ok: false, error: appError('invalid-payload', 'IPC is only accepted from the app window.') }
    }
    return services.dispatch(String(channel), payload)
  })
  services.events.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_EVENT_PREFIX + event, payload)
  })

  mainWindow = createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => void services.dispose())
}

// One instance owns the data folder: a second launch focuses the first window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  start().catch((error: unknown) => {
    console.error('Codex Desk failed to start:', error)
    app.exit(1)
  })
}
