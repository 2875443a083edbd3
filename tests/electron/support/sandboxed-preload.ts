import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import * as timers from 'node:timers'
import * as url from 'node:url'
import { runInNewContext } from 'node:vm'
import type { ContextBridge, IpcRenderer } from 'electron'
import type { Double } from './double'

/** The renderer-side electron modules the preload may touch, typed from electron's own definitions. */
export interface PreloadElectron {
  contextBridge: PreloadContextBridge
  ipcRenderer: PreloadIpcRenderer
}
type PreloadContextBridge = Double<ContextBridge, 'exposeInMainWorld'>
type PreloadIpcRenderer = Double<IpcRenderer, 'invoke' | 'on' | 'removeListener'>

/**
 * Runs a preload the way a sandboxed Electron renderer does (electron docs, tutorial/sandbox.md, and
 * lib/sandboxed_renderer/preload.ts): the script body is wrapped in a function whose `require` knows only
 * `electron` (renderer modules), `events`, `timers` and `url`, and throws `module not found: <name>` for
 * anything else; `Buffer`, `process`, `setImmediate` and `clearImmediate` are the only Node globals.
 * Returns the modules the script asked for.
 */
export function runSandboxedPreload(file: string, electron: PreloadElectron): string[] {
  const modules = new Map<string, unknown>([
    ['electron', electron],
    ['events', EventEmitter],
    ['timers', timers],
    ['url', url],
  ])
  const required: string[] = []
  const preloadRequire = (name: string): unknown => {
    required.push(name)
    if (!modules.has(name)) throw new Error(`module not found: ${name}`)
    return modules.get(name)
  }
  const params = ['require', 'process', 'exports', 'module', 'Buffer', 'global', 'setImmediate', 'clearImmediate']
  const body = readFileSync(file, 'utf8')
  const context: Record<string, unknown> = {}
  const preload = runInNewContext(`(function (${params.join(', ')}) {\n${body}\n})`, context, { filename: file })
  const exports = {}
  preload(preloadRequire, new EventEmitter(), exports, { exports }, Buffer, context, setImmediate, clearImmediate)
  return required
}

/** A recording `ipcRenderer`: remembers every invoke, answers it from `answer`, and delivers messages from main. */
export class RecordingIpcRenderer extends EventEmitter implements PreloadIpcRenderer {
  readonly invocations: unknown[][] = []

  constructor(private readonly answer: (...args: unknown[]) => unknown) {
    super()
  }

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args])
    return this.answer(channel, ...args)
  }

  /** What main's `webContents.send(channel, payload)` does on this side. */
  deliver(channel: string, payload: unknown): void {
    this.emit(channel, { sender: this, ports: [] }, payload)
  }
}

/** A `contextBridge` that records what the preload exposes to the page. */
export class RecordingContextBridge implements PreloadContextBridge {
  readonly mainWorld = new Map<string, unknown>()

  exposeInMainWorld(apiKey: string, api: unknown): void {
    this.mainWorld.set(apiKey, api)
  }
}
