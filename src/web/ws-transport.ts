import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import type { Dispatch } from '../main/ipc/dispatcher'
import type { EventHub } from '../main/ipc/event-hub'
import { appError } from '../shared/errors'
import { type WsClientFrame, type WsServerFrame, wsClientFrameSchema } from '../shared/ipc-contract'
import { tokenFromProtocols, WS_APP_PROTOCOL } from '../shared/ws-auth'

export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Carries the IPC contract over a WebSocket at `/ws`. A connection must present the per-launch token (as a
 * subprotocol, see ws-auth.ts); a browser
 * connection must also come from the harness's own origin, so another web page cannot drive the app.
 */
export function attachWsTransport(options: {
  server: Server
  token: string
  allowedOrigins: () => string[]
  dispatch: Dispatch
  events: EventHub
  log(message: string): void
}): { close(): void } {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024 * 1024,
    handleProtocols: (offered) => (offered.has(WS_APP_PROTOCOL) ? WS_APP_PROTOCOL : false),
  })
  wss.on('error', (error) => options.log(`WebSocket server error: ${error.message}`))

  function refuse(socket: Duplex, status: number, reason: string): void {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const origin = req.headers.origin
    if (url.pathname !== '/ws') refuse(socket, 404, 'Not Found')
    else if (!tokenMatches(options.token, tokenFromProtocols(req.headers['sec-websocket-protocol']))) {
      refuse(socket, 401, 'Unauthorized')
    } else if (origin !== undefined && !options.allowedOrigins().includes(origin)) refuse(socket, 403, 'Forbidden')
    else wss.handleUpgrade(req, socket, head, (ws) => serve(ws))
  }

  function serve(ws: WebSocket): void {
    const send = (frame: WsServerFrame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame))
    }
    const unsubscribe = options.events.subscribe((event, payload) => send({ type: 'event', event, payload }))
    ws.on('close', unsubscribe)
    // A frame the protocol forbids (bad UTF-8, a bad opcode, an unmasked or oversized frame) ends this connection
    // only: `ws` closes it with the matching code, and the page reconnects. Without a listener it would crash main.
    ws.on('error', (error) => options.log(`A WebSocket connection was closed after a protocol error: ${error.message}`))
    ws.on('message', (data) => {
      let frame: WsClientFrame
      try {
        frame = wsClientFrameSchema.parse(JSON.parse(data.toString()))
      } catch {
        send({ type: 'result', id: -1, result: { ok: false, error: appError('invalid-payload', 'Malformed frame.') } })
        return
      }
      void options.dispatch(frame.channel, frame.payload).then((result) => {
        try {
          send({ type: 'result', id: frame.id, result })
        } catch (error) {
          // An answer longer than the longest string V8 can make (an export of a gigantic conversation) cannot be
          // written as a frame; left to throw here it would crash the harness.
          const reason = error instanceof Error ? error.message : String(error)
          const tooLarge = appError('internal', `The answer was too large to send to the page (${reason}).`)
          send({ type: 'result', id: frame.id, result: { ok: false, error: tooLarge } })
        }
      })
    })
  }

  options.server.on('upgrade', onUpgrade)
  return {
    close() {
      options.server.off('upgrade', onUpgrade)
      for (const client of wss.clients) client.terminate()
      wss.close()
    },
  }
}
