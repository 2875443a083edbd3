import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher'
import { EventHub } from '../../../src/main/ipc/event-hub'
import type { WsServerFrame } from '../../../src/shared/ipc-contract'
import { WS_APP_PROTOCOL, wsProtocols } from '../../../src/shared/ws-auth'
import { attachWsTransport } from '../../../src/web/ws-transport'

const TOKEN = 'per-launch-secret'

let server: Server
let port: number
let events: EventHub
let close: () => void
let logged: string[]

beforeEach(async () => {
  server = createServer((_req, res) => res.writeHead(404).end())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  events = new EventHub()
  logged = []
  const handlers = {
    'settings:get': () => ({ theme: 'dark' }),
    // Escaped as JSON, twice the longest string V8 can make.
    'conversations:export': () => ({ filename: 'huge.md', mimeType: 'text/markdown', content: '\n'.repeat(2 ** 28) }),
  } as unknown as Handlers
  const transport = attachWsTransport({
    server,
    token: TOKEN,
    allowedOrigins: () => [`http://127.0.0.1:${port}`],
    dispatch: createDispatcher(handlers),
    events,
    log: (message) => logged.push(message),
  })
  close = transport.close
})

afterEach(async () => {
  close()
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

/** Connects the way the page does: the token offered as a subprotocol (none when `token` is null). */
function connect(token: string | null, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const protocols = token === null ? [WS_APP_PROTOCOL] : wsProtocols(token)
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, protocols, { headers })
    socket.once('open', () => resolve(socket))
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    socket.once('error', reject)
  })
}

function nextFrame(socket: WebSocket): Promise<WsServerFrame> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))))
}

// What the connection refuses (no token, a wrong one, another origin) and the frames the protocol forbids are
// checked against the running harness in tests/reliability/harness-exposure.test.ts.
describe('the web harness connection', () => {
  it('accepts a connection with the token and answers requests over it', async () => {
    const socket = await connect(TOKEN, { origin: `http://127.0.0.1:${port}` })
    const reply = nextFrame(socket)
    socket.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'settings:get' }))
    expect(await reply).toEqual({ type: 'result', id: 7, result: { ok: true, value: { theme: 'dark' } } })
    socket.close()
  })

  it('pushes events from main to the connected page', async () => {
    const socket = await connect(TOKEN)
    const frame = nextFrame(socket)
    events.emit('conversations:changed', { removedId: 'c1' })
    expect(await frame).toEqual({ type: 'event', event: 'conversations:changed', payload: { removedId: 'c1' } })
    socket.close()
  })

  it('answers with a typed error when the answer is too large for one frame, and goes on answering', async () => {
    const socket = await connect(TOKEN)
    const reply = nextFrame(socket)
    socket.send(
      JSON.stringify({
        type: 'invoke',
        id: 1,
        channel: 'conversations:export',
        payload: { id: 'c1', format: 'markdown' },
      }),
    )
    expect(await reply).toMatchObject({ type: 'result', id: 1, result: { ok: false, error: { kind: 'internal' } } })

    const next = nextFrame(socket)
    socket.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'settings:get' }))
    expect(await next).toEqual({ type: 'result', id: 2, result: { ok: true, value: { theme: 'dark' } } })
    socket.close()
  })

  it('answers a malformed frame with a typed error', async () => {
    const socket = await connect(TOKEN)
    const reply = nextFrame(socket)
    socket.send('not json')
    expect(await reply).toMatchObject({ type: 'result', result: { ok: false, error: { kind: 'invalid-payload' } } })
    socket.close()
  })
})
