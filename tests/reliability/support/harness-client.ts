import { WebSocket } from 'ws'
import type { Result } from '../../../src/shared/errors'
import type { CodexApi, EventChannel, WsClientFrame, WsServerFrame } from '../../../src/shared/ipc-contract'
import { wsProtocols } from '../../../src/shared/ws-auth'

export interface HarnessClient {
  /** The contract over the harness's WebSocket, as the page speaks it (no reconnecting: a test sees every drop). */
  api: CodexApi
  close(): void
}

/** The socket URL and token of a harness's printed launch URL (`http://127.0.0.1:P/#token=T`). */
export function socketOf(launchUrl: string): { url: string; token: string } {
  const url = new URL(launchUrl)
  return { url: `ws://${url.host}/ws`, token: new URLSearchParams(url.hash.slice(1)).get('token') ?? '' }
}

/** Connects the way the page does: the token offered as a subprotocol, from the harness's own origin. */
export function connectHarness(launchUrl: string): Promise<HarnessClient> {
  const { url, token } = socketOf(launchUrl)
  const socket = new WebSocket(url, wsProtocols(token), { origin: new URL(launchUrl).origin })
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  let nextId = 1
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as WsServerFrame
    if (frame.type === 'result') {
      pending.get(frame.id)?.(frame.result)
      pending.delete(frame.id)
    } else for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload)
  })
  socket.on('close', () => {
    for (const resolve of pending.values())
      resolve({ ok: false, error: { kind: 'network', message: 'The harness went away.', retryable: true } })
    pending.clear()
  })
  const api: CodexApi = {
    invoke(channel, ...args) {
      const frame: WsClientFrame = { type: 'invoke', id: nextId++, channel, payload: args[0] }
      return new Promise((resolve) => {
        if (socket.readyState !== WebSocket.OPEN) {
          resolve({ ok: false, error: { kind: 'network', message: 'Not connected.', retryable: true } })
          return
        }
        pending.set(frame.id, resolve as (result: Result<unknown>) => void)
        socket.send(JSON.stringify(frame))
      })
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: unknown) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (payload: unknown) => void)
    },
  }
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ api, close: () => socket.terminate() }))
    socket.once('error', reject)
  })
}
