/**
 * `CodexApi` over the web harness's WebSocket (`/ws`, the token offered as a subprotocol). Invokes are matched to results by id; events are
 * fanned out to listeners. When the socket drops, pending invokes fail with a `network` error and the client
 * reconnects with exponential backoff; invokes made while
 * connecting wait for the socket to open (and fail with the others if it does not).
 */

import type { AppError, Result } from '../../../shared/errors'
import type { CodexApi, EventChannel, EventPayload, WsClientFrame, WsServerFrame } from '../../../shared/ipc-contract'
import { wsProtocols } from '../../../shared/ws-auth'

const FIRST_RECONNECT_DELAY_MS = 500
const MAX_RECONNECT_DELAY_MS = 15_000

interface PendingInvoke {
  resolve: (result: Result<unknown>) => void
}

type AnyListener = (payload: unknown) => void

export function webSocketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/ws`
}

function networkError(message: string): AppError {
  return { kind: 'network', message, retryable: true }
}

function isServerFrame(value: unknown): value is WsServerFrame {
  if (typeof value !== 'object' || value === null) return false
  const type = (value as { type?: unknown }).type
  return type === 'result' || type === 'event'
}

/** `onConnection` hears every open (true) and every loss (false) of the socket. */
export function createWebSocketApi(
  url: string,
  token: string,
  onConnection: (connected: boolean) => void = () => {},
): CodexApi {
  const pending = new Map<number, PendingInvoke>()
  const listeners = new Map<EventChannel, Set<AnyListener>>()
  /** Frames waiting for an open socket. */
  const outbox: WsClientFrame[] = []
  let nextId = 1
  let socket: WebSocket | null = null
  let reconnectDelay = FIRST_RECONNECT_DELAY_MS

  function failPending(message: string): void {
    for (const invoke of pending.values()) invoke.resolve({ ok: false, error: networkError(message) })
    pending.clear()
  }

  function handleFrame(frame: WsServerFrame): void {
    if (frame.type === 'result') {
      pending.get(frame.id)?.resolve(frame.result)
      pending.delete(frame.id)
      return
    }
    for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload)
  }

  function connect(): void {
    const ws = new WebSocket(url, wsProtocols(token))
    socket = ws
    ws.addEventListener('open', () => {
      reconnectDelay = FIRST_RECONNECT_DELAY_MS
      onConnection(true)
      for (const frame of outbox.splice(0)) ws.send(JSON.stringify(frame))
    })
    ws.addEventListener('message', (message) => {
      if (typeof message.data !== 'string') return
      let frame: unknown
      try {
        frame = JSON.parse(message.data)
      } catch {
        return
      }
      if (isServerFrame(frame)) handleFrame(frame)
    })
    ws.addEventListener('close', () => {
      socket = null
      outbox.length = 0
      failPending('The connection to Codex Desk was lost. Try again in a moment.')
      onConnection(false)
      setTimeout(connect, reconnectDelay)
      reconnectDelay = Math.min(reconnectDelay * 2, MAX_RECONNECT_DELAY_MS)
    })
  }

  connect()

  return {
    invoke(channel, ...args) {
      const frame: WsClientFrame = { type: 'invoke', id: nextId++, channel, payload: args[0] }
      return new Promise((resolve) => {
        pending.set(frame.id, { resolve: resolve as PendingInvoke['resolve'] })
        if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame))
        else outbox.push(frame)
      })
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
      const anyListener = listener as AnyListener
      const set = listeners.get(event) ?? new Set<AnyListener>()
      set.add(anyListener)
      listeners.set(event, set)
      return () => {
        set.delete(anyListener)
      }
    },
  }
}
