import { EventEmitter } from 'node:events'
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  HandlerDetails,
  IpcMain,
  IpcMainInvokeEvent,
  OnHeadersReceivedListenerDetails,
  Protocol,
  SafeStorage,
  Session,
  Shell,
  WebContents,
  WebRequest,
  WindowOpenHandlerResponse,
} from 'electron'
import type { Double } from './double'

type ElectronModule = typeof import('electron')
type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown
type HeadersListener = Parameters<WebRequest['onHeadersReceived']>[0]
type PermissionHandler = Parameters<Session['setPermissionRequestHandler']>[0]
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0]
type CustomScheme = Parameters<Protocol['registerSchemesAsPrivileged']>[0][number]
type ProtocolHandler = Parameters<Protocol['handle']>[1]

/** A recording stand-in for the `electron` module main runs against; one per boot. */
export interface DoubleOptions {
  singleInstanceLock: boolean
  /** `app.isPackaged`: true in an installed app, false under electron-vite dev. */
  packaged?: boolean
}

export function createElectronMainDouble(options: DoubleOptions) {
  const windows: FakeWindow[] = []
  // What the tests wait for: a window created, or main giving up (`app.exit`).
  const observed = new EventEmitter()
  const opened: string[] = []

  class FakeApp
    extends EventEmitter
    implements
      Double<
        App,
        | 'on'
        | 'once'
        | 'whenReady'
        | 'getPath'
        | 'setPath'
        | 'getVersion'
        | 'quit'
        | 'exit'
        | 'requestSingleInstanceLock'
        | 'isPackaged'
      >
  {
    readonly calls: string[] = []
    readonly isPackaged = options.packaged ?? false
    private readonly paths = new Map<string, string>()

    whenReady(): Promise<void> {
      this.calls.push('whenReady')
      return Promise.resolve()
    }
    getPath(name: string): string {
      const path = this.paths.get(name)
      if (path === undefined) throw new Error(`The double has no path "${name}"; set it first.`)
      return path
    }
    setPath(name: string, path: string): void {
      this.paths.set(name, path)
    }
    getVersion(): string {
      return '0.0.0-test'
    }
    quit(): void {
      this.calls.push('quit')
    }
    exit(exitCode = 0): void {
      this.calls.push(`exit ${exitCode}`)
      observed.emit('exit', exitCode)
    }
    requestSingleInstanceLock(): boolean {
      return options.singleInstanceLock
    }
  }

  class FakeWebContents extends EventEmitter implements Double<WebContents, 'on' | 'send' | 'setWindowOpenHandler'> {
    readonly sent: unknown[][] = []
    windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined

    send(channel: string, ...args: unknown[]): void {
      this.sent.push([channel, ...args])
    }
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
      this.windowOpenHandler = handler
    }
  }

  class FakeWindow
    extends EventEmitter
    implements
      Double<
        BrowserWindow,
        'once' | 'loadFile' | 'loadURL' | 'show' | 'isMinimized' | 'restore' | 'focus' | 'webContents'
      >
  {
    readonly webContents = new FakeWebContents()
    readonly calls: string[] = []
    minimized = false

    static getAllWindows(): FakeWindow[] {
      return [...windows]
    }
    static getFocusedWindow(): FakeWindow | null {
      return null
    }

    constructor(readonly options: BrowserWindowConstructorOptions = {}) {
      super()
      windows.push(this)
      // Electron announces every new web contents on the app, which is where main locks navigation.
      app.emit('web-contents-created', { preventDefault() {} }, this.webContents)
      observed.emit('window', this)
    }
    async loadFile(filePath: string): Promise<void> {
      this.calls.push(`loadFile ${filePath}`)
    }
    async loadURL(url: string): Promise<void> {
      this.calls.push(`loadURL ${url}`)
    }
    show(): void {
      this.calls.push('show')
    }
    isMinimized(): boolean {
      return this.minimized
    }
    restore(): void {
      this.minimized = false
      this.calls.push('restore')
    }
    focus(): void {
      this.calls.push('focus')
    }
  }

  class FakeIpcMain extends EventEmitter implements Double<IpcMain, 'on' | 'handle'> {
    readonly handlers = new Map<string, InvokeListener>()

    handle(channel: string, listener: InvokeListener): void {
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      this.handlers.set(channel, listener)
    }
  }

  class FakeWebRequest implements Double<WebRequest, 'onHeadersReceived'> {
    headersListener: HeadersListener = null

    onHeadersReceived(listener: HeadersListener): void {
      this.headersListener = listener
    }

    /** What a response's headers look like once main's listener has seen them. */
    async headersFor(details: Pick<OnHeadersReceivedListenerDetails, 'responseHeaders' | 'url'>) {
      const listener = this.headersListener
      if (!listener) throw new Error('No onHeadersReceived listener')
      return new Promise<Record<string, string | string[]> | undefined>((resolve) =>
        listener(details as OnHeadersReceivedListenerDetails, (response) => resolve(response.responseHeaders)),
      )
    }
  }

  class FakeSession
    implements Double<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>
  {
    readonly webRequest = new FakeWebRequest()
    permissionHandler: PermissionHandler = null
    permissionCheckHandler: PermissionCheckHandler = null

    setPermissionRequestHandler(handler: PermissionHandler): void {
      this.permissionHandler = handler
    }
    setPermissionCheckHandler(handler: PermissionCheckHandler): void {
      this.permissionCheckHandler = handler
    }
  }

  class FakeProtocol implements Double<Protocol, 'registerSchemesAsPrivileged' | 'handle'> {
    readonly privileged: CustomScheme[] = []
    /** Whether the schemes were registered before the app was ready, as Electron requires. */
    registeredBeforeReady = false
    readonly handlers = new Map<string, ProtocolHandler>()

    registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
      this.privileged.push(...schemes)
      this.registeredBeforeReady = !app.calls.includes('whenReady')
    }
    handle(scheme: string, handler: ProtocolHandler): void {
      if (!app.calls.includes('whenReady')) throw new Error('protocol.handle can only be used once the app is ready')
      this.handlers.set(scheme, handler)
    }

    /** What the page gets for `url`, as Chromium would ask the handler for it. */
    async fetch(url: string): Promise<Response> {
      const handler = this.handlers.get(new URL(url).protocol.replace(/:$/, ''))
      if (!handler) throw new Error(`No handler for ${url}`)
      return handler(new Request(url))
    }
  }

  const app = new FakeApp()
  const ipcMain = new FakeIpcMain()
  const protocol = new FakeProtocol()
  const session = { defaultSession: new FakeSession() } satisfies Double<
    typeof import('electron').session,
    'defaultSession'
  >
  const safeStorage = {
    isEncryptionAvailable: () => false,
    getSelectedStorageBackend: () => 'basic_text' as const,
    encryptString: (plainText: string) => Buffer.from(plainText),
    decryptString: (encrypted: Buffer) => encrypted.toString(),
  } satisfies Double<
    SafeStorage,
    'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
  >
  const shell = {
    openExternal: async (url: string) => {
      opened.push(url)
    },
    openPath: async (path: string) => {
      opened.push(path)
      return ''
    },
  } satisfies Double<Shell, 'openExternal' | 'openPath'>
  /** What the folder dialog answers (a test sets it), and the options each opening asked for. */
  const folderDialog = { answer: null as string | null, asked: [] as Electron.OpenDialogOptions[] }
  /** Where the save dialog answers that a file goes (a test sets it); null: cancelled. */
  const saveDialog = { answer: null as string | null }
  const dialog = {
    showSaveDialog: async () => ({ canceled: saveDialog.answer === null, filePath: saveDialog.answer ?? '' }),
    showOpenDialog: async (
      ...args: [Electron.BaseWindow, Electron.OpenDialogOptions] | [Electron.OpenDialogOptions]
    ) => {
      folderDialog.asked.push(args.length === 2 ? args[1] : args[0])
      const answer = folderDialog.answer
      return { canceled: answer === null, filePaths: answer === null ? [] : [answer] }
    },
  } satisfies Double<Dialog, 'showSaveDialog' | 'showOpenDialog'>

  // Only names the electron module really exports: an invented API fails the type check here.
  const module = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain,
    protocol,
    session,
    safeStorage,
    shell,
    dialog,
  } satisfies Partial<Record<keyof ElectronModule, unknown>>
  FakeWindow satisfies Double<ElectronModule['BrowserWindow'], 'getAllWindows' | 'getFocusedWindow'>

  return {
    ...{ module, app, ipcMain, protocol, session: session.defaultSession, windows, opened, observed },
    ...{ folderDialog, saveDialog },
  }
}

export type ElectronMainDouble = ReturnType<typeof createElectronMainDouble>
export type WindowDouble = ElectronMainDouble['windows'][number]
