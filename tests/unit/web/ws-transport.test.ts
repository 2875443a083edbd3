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
  const handlers = { 'settings:get': () => ({ theme: 'dark' }) } as unknown as Handlers
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

describe('the web harness connection', () => {
  it('refuses a connection without the token', async () => {
    await expect(connect(null)).rejects.toThrow('HTTP 401')
  })

  it('refuses the token in the URL, where a failed connection would print it in the console', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${TOKEN}`, [WS_APP_PROTOCOL])
    const status = await new Promise<number | undefined>((resolve) =>
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode)),
    )
    expect(status).toBe(401)
  })

  it('refuses a connection with a wrong token', async () => {
    await expect(connect('guess')).rejects.toThrow('HTTP 401')
  })

  it('refuses a page from another origin even with the token', async () => {
    await expect(connect(TOKEN, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403')
  })

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

  it('answers a malformed frame with a typed error', async () => {
    const socket = await connect(TOKEN)
    const reply = nextFrame(socket)
    socket.send('not json')
    expect(await reply).toMatchObject({ type: 'result', result: { ok: false, error: { kind: 'invalid-payload' } } })
    socket.close()
  })

  it('a frame the protocol forbids closes only that connection, and the harness keeps answering others', async () => {
    const bad = await connect(TOKEN)
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)))
    // A text frame whose bytes are not UTF-8.
    bad.send(Buffer.from([0xc3, 0x28, 0xff]), { binary: false })
    expect(await closed).toBe(1007)

    const good = await connect(TOKEN)
    const reply = nextFrame(good)
    good.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'settings:get' }))
    expect(await reply).toMatchObject({ id: 1, result: { ok: true } })
    good.close()
    expect(logged.join('\n')).not.toContain(TOKEN)
  })
})
