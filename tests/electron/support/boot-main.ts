import { createRequire, Module } from 'node:module'
import { join } from 'node:path'
import type { IpcMainInvokeEvent } from 'electron'
import {
  createElectronMainDouble,
  type DoubleOptions,
  type ElectronMainDouble,
  type WindowDouble,
} from './electron-main-double'

const REPO_ROOT = join(__dirname, '../../..')
export const MAIN_BUNDLE = join(REPO_ROOT, 'out/main/index.js')
export const BUILT_PRELOAD = join(REPO_ROOT, 'out/preload/index.js')
/** The page main loads in production, and so the only URL whose top frame may use IPC. */
export const APP_URL = 'app://codex-desk/index.html'

const mainRequire = createRequire(MAIN_BUNDLE)
/** Every module id the main bundle itself has required, as Node saw the calls: what a package must contain. */
export const requiredByMain = new Set<string>()
const loader = Module as unknown as {
  _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown
}
const load = loader._load
loader._load = function recordMainRequires(request, parent, isMain) {
  if (parent?.filename === MAIN_BUNDLE) requiredByMain.add(request)
  return load.call(this, request, parent, isMain)
}

/** The process's listeners before main was first loaded: its bundled libraries hook exit signals at load. */
let processListeners: Map<string | symbol, unknown[]> | undefined
const processEvents: NodeJS.EventEmitter = process

/**
 * Loads the built main bundle as Electron would, except that `require('electron')` gets the double: the
 * double is put in Node's module cache under electron's own path (the cache is checked before loading), and the
 * bundle is loaded afresh, so every boot runs main from the top. Main reads `env` at load and once ready.
 */
export function loadMain(
  env: Record<string, string>,
  options: DoubleOptions = { singleInstanceLock: true },
): ElectronMainDouble {
  const electron = createElectronMainDouble(options)
  const electronPath = mainRequire.resolve('electron')
  const cached = new Module(electronPath)
  cached.exports = electron.module
  cached.loaded = true
  mainRequire.cache[electronPath] = cached
  delete mainRequire.cache[MAIN_BUNDLE]
  processListeners ??= new Map(processEvents.eventNames().map((name) => [name, processEvents.listeners(name)]))

  // Main treats an empty ELECTRON_RENDERER_URL as unset, as in a packaged app: it loads out/renderer/index.html.
  Object.assign(process.env, { ELECTRON_RENDERER_URL: '' }, env)
  mainRequire(MAIN_BUNDLE)
  return electron
}

/** Forgets every loaded main, as if its process had ended: the hooks it put on `process` come off. */
export function unloadMain(): void {
  if (!processListeners) return
  for (const name of processEvents.eventNames()) {
    const before = processListeners.get(name) ?? []
    for (const listener of processEvents.listeners(name)) {
      if (!before.includes(listener)) processEvents.removeListener(name, listener as (...args: unknown[]) => void)
    }
  }
  processListeners = undefined
  delete mainRequire.cache[MAIN_BUNDLE]
}

/** Boots main until its window exists; fails with main's exit code if it gives up instead. */
export async function bootMain(
  env: Record<string, string>,
  options: DoubleOptions = { singleInstanceLock: true },
): Promise<{ electron: ElectronMainDouble; window: WindowDouble }> {
  const saved = { ...process.env }
  try {
    const electron = loadMain(env, options)
    const window = await new Promise<WindowDouble>((resolve, reject) => {
      electron.observed.once('window', resolve)
      electron.observed.once('exit', (code: number) => reject(new Error(`main exited with ${code} (see its log)`)))
    })
    return { electron, window }
  } finally {
    process.env = saved
  }
}

/** An invoke as the renderer's preload sends it, from the given frame (main reads only the sender frame). */
export function invokeFrom(
  electron: ElectronMainDouble,
  senderFrame: { url: string; parent: object | null } | null,
  channel: string,
  payload?: unknown,
): Promise<unknown> {
  const handler = electron.ipcMain.handlers.get('codex:invoke')
  if (!handler) throw new Error('main registered no codex:invoke handler')
  return Promise.resolve(handler({ senderFrame } as unknown as IpcMainInvokeEvent, channel, payload))
}
