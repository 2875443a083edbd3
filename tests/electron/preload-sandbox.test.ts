import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CodexApi } from '../../src/shared/ipc-bridge'
import { RecordingContextBridge, RecordingIpcRenderer, runSandboxedPreload } from './support/sandboxed-preload'

const BUILT_PRELOAD = join(__dirname, '../../out/preload/index.js')

let ipcRenderer: RecordingIpcRenderer
let contextBridge: RecordingContextBridge

beforeEach(() => {
  ipcRenderer = new RecordingIpcRenderer(() => ({ ok: true, value: { id: 'c1', title: 'Renamed' } }))
  contextBridge = new RecordingContextBridge()
})

function loadBridge(): CodexApi {
  runSandboxedPreload(BUILT_PRELOAD, { ipcRenderer, contextBridge })
  const codex = contextBridge.mainWorld.get('codex')
  if (!codex) throw new Error('The preload exposed no window.codex')
  return codex as CodexApi
}

describe('the built preload in a sandboxed renderer', () => {
  it('loads with Electron’s sandboxed require, asking only for electron', () => {
    const required = runSandboxedPreload(BUILT_PRELOAD, { ipcRenderer, contextBridge })

    expect(required).toEqual(['electron'])
    expect([...contextBridge.mainWorld.keys()]).toEqual(['codex'])
  })

  it('would fail to load if it required anything the sandbox does not provide', () => {
    const preload = join(mkdtempSync(join(tmpdir(), 'codex-desk-preload-')), 'index.js')
    writeFileSync(preload, 'const { z } = require("zod")\nrequire("electron")\n')

    expect(() => runSandboxedPreload(preload, { ipcRenderer, contextBridge })).toThrow('module not found: zod')
  })
})

describe('window.codex over Electron IPC', () => {
  it('sends an invoke as channel and payload on codex:invoke and gives back main’s answer', async () => {
    const codex = loadBridge()

    const result = await codex.invoke('conversations:rename', { id: 'c1', title: 'Renamed' })

    expect(ipcRenderer.invocations).toEqual([['codex:invoke', 'conversations:rename', { id: 'c1', title: 'Renamed' }]])
    expect(result).toEqual({ ok: true, value: { id: 'c1', title: 'Renamed' } })
  })

  it('sends a channel without a payload with an undefined payload', async () => {
    const codex = loadBridge()

    await codex.invoke('app:info')

    expect(ipcRenderer.invocations).toEqual([['codex:invoke', 'app:info', undefined]])
  })

  it('hands an event main sends on its channel to the listener, payload only', () => {
    const codex = loadBridge()
    const heard: unknown[] = []
    codex.on('conversations:changed', (payload) => heard.push(payload))

    ipcRenderer.deliver('codex:event:conversations:changed', { removedId: 'c1' })
    ipcRenderer.deliver('codex:event:settings:changed', { theme: 'dark' })

    expect(heard).toEqual([{ removedId: 'c1' }])
  })

  it('stops handing events to a listener once it unsubscribes', () => {
    const codex = loadBridge()
    const heard: unknown[] = []
    const unsubscribe = codex.on('conversations:changed', (payload) => heard.push(payload))
    ipcRenderer.deliver('codex:event:conversations:changed', { removedId: 'c1' })

    unsubscribe()
    ipcRenderer.deliver('codex:event:conversations:changed', { removedId: 'c2' })

    expect(heard).toEqual([{ removedId: 'c1' }])
    expect(ipcRenderer.listenerCount('codex:event:conversations:changed')).toBe(0)
  })
})
