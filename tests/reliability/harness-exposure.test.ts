/**
 * The running web harness (the bundle `npm run web` starts) against what a hostile page or a broken client sends:
 * WebSocket frames the protocol forbids end only their own connection, with the close code RFC 6455 gives, while
 * other connections keep working; connections without the token, with a wrong one or from another origin, and
 * paths that climb out of the page folder are refused. The token never reaches the harness's output.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WS_APP_PROTOCOL, wsProtocols } from '../../src/shared/ws-auth'
import { type HarnessProcess, startHarnessProcess } from '../e2e/support/harness-process'
import { connectHarness, type HarnessClient, socketOf } from './support/harness-client'

/** The harness's limit on one message (src/web/ws-transport.ts). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024

let root: string
let harness: HarnessProcess
let port: number
let token: string
/** Opened before any abuse and kept: it must go on working through all of it. */
let bystander: HarnessClient

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'codex-desk-exposure-'))
  // A backend address nothing answers on: these tests never reach it.
  harness = await startHarnessProcess(join(root, 'data'), {
    CODEX_BASE_URL: 'http://127.0.0.1:9/backend-api/codex',
    CODEX_AUTH_ISSUER: 'http://127.0.0.1:9',
  })
  const url = new URL(harness.launchUrl)
  port = Number(url.port)
  token = socketOf(harness.launchUrl).token
  bystander = await connectHarness(harness.launchUrl)
})

afterAll(async () => {
  bystander?.close()
  await harness?.stop()
  await rm(root, { recursive: true, force: true })
})

/** A frame as a client writes it: masked unless told otherwise, any header bit as given. */
function frame(options: {
  opcode: number
  payload?: Buffer
  fin?: boolean
  rsv1?: boolean
  masked?: boolean
  /** A length to announce instead of the payload's (the payload is then not sent). */
  announcedLength?: number
}): Buffer {
  const payload = options.payload ?? Buffer.alloc(0)
  const length = options.announcedLength ?? payload.length
  const first = (options.fin === false ? 0 : 0x80) | (options.rsv1 ? 0x40 : 0) | options.opcode
  const masked = options.masked !== false
  let header: Buffer
  if (length < 126) header = Buffer.from([first, (masked ? 0x80 : 0) | length])
  else if (length < 65_536) {
    header = Buffer.alloc(4)
    header.writeUInt16BE(length, 2)
    header[1] = (masked ? 0x80 : 0) | 126
  } else {
    header = Buffer.alloc(10)
    header.writeBigUInt64BE(BigInt(length), 2)
    header[1] = (masked ? 0x80 : 0) | 127
  }
  header[0] = first
  if (!masked) return Buffer.concat([header, payload])
  const mask = randomBytes(4)
  const body = options.announcedLength === undefined ? Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4])) : null
  return Buffer.concat([header, mask, ...(body ? [body] : [])])
}

function closeFrame(code: number): Buffer {
  const payload = Buffer.alloc(2)
  payload.writeUInt16BE(code)
  return frame({ opcode: 0x8, payload })
}

/** A WebSocket handshake by hand, with the token, so the test can then write any bytes at all. */
function rawConnection(): Promise<{ socket: Socket; received: () => Buffer; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let buffer = Buffer.alloc(0)
    let upgraded = false
    const ended = new Promise<void>((done) => socket.once('close', () => done()))
    // After the handshake, a reset is one way for the server to end the connection; before it, the harness is gone.
    socket.on('error', (error) => {
      if (!upgraded) reject(error)
    })
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      if (upgraded) return
      const end = buffer.indexOf('\r\n\r\n')
      if (end < 0) return
      const head = buffer.subarray(0, end).toString()
      if (!head.startsWith('HTTP/1.1 101')) {
        reject(new Error(`The handshake was refused: ${head.split('\r\n')[0]}`))
        return
      }
      upgraded = true
      buffer = buffer.subarray(end + 4)
      resolve({ socket, received: () => buffer, ended })
    })
    socket.write(
      [
        'GET /ws HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Protocol: ${wsProtocols(token).join(', ')}`,
        '',
        '',
      ].join('\r\n'),
    )
  })
}

/** The status code of the close frame the server sent first. */
function closeCodeIn(received: Buffer): number | undefined {
  if (received.length < 4 || (received[0] & 0x0f) !== 0x8) return undefined
  return received.readUInt16BE(2)
}

async function bystanderStillAnswers(): Promise<void> {
  const settings = await bystander.api.invoke('settings:get')
  expect(settings.ok).toBe(true)
  const fresh = await connectHarness(harness.launchUrl)
  expect((await fresh.api.invoke('app:info')).ok).toBe(true)
  fresh.close()
}

const FORBIDDEN_FRAMES: Array<{ name: string; bytes: () => Buffer; closeCode: number }> = [
  {
    name: 'a text frame that is not UTF-8',
    bytes: () => frame({ opcode: 0x1, payload: Buffer.from([0xc3, 0x28, 0xff]) }),
    closeCode: 1007,
  },
  {
    name: 'an unmasked frame from the client',
    bytes: () => frame({ opcode: 0x1, payload: Buffer.from('{}'), masked: false }),
    closeCode: 1002,
  },
  { name: 'a reserved opcode', bytes: () => frame({ opcode: 0x3, payload: Buffer.from('x') }), closeCode: 1002 },
  { name: 'a close frame with an invalid code', bytes: () => closeFrame(999), closeCode: 1002 },
  {
    name: 'an RSV1 bit without an extension that allows it',
    bytes: () => frame({ opcode: 0x1, payload: Buffer.from('{}'), rsv1: true }),
    closeCode: 1002,
  },
  {
    name: 'a message over the 64 MiB limit',
    bytes: () => frame({ opcode: 0x2, announcedLength: MAX_MESSAGE_BYTES + 1 }),
    closeCode: 1009,
  },
  {
    name: 'a fragmented message whose fragments add up to more than the limit',
    bytes: () =>
      Buffer.concat([
        frame({ opcode: 0x1, fin: false, payload: Buffer.alloc(1024, 0x20) }),
        frame({ opcode: 0x0, announcedLength: MAX_MESSAGE_BYTES }),
      ]),
    closeCode: 1009,
  },
]

describe('frames the WebSocket protocol forbids, sent to the running harness', () => {
  it.each(FORBIDDEN_FRAMES)('$name closes only that connection ($closeCode)', async ({ bytes, closeCode }) => {
    const raw = await rawConnection()
    raw.socket.write(bytes())
    await raw.ended
    expect(closeCodeIn(raw.received())).toBe(closeCode)
    await bystanderStillAnswers()
  })
})

/** Opens a socket as given; resolves with the HTTP status of a refusal, or 101 when it was let in. */
function handshakeStatus(path: string, protocols: string[], headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols, { headers })
    socket.once('open', () => {
      socket.close()
      resolve(101)
    })
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    socket.once('error', () => resolve(-1))
  })
}

/** An HTTP request line written as is: fetch would tidy `..` away before sending it. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString()
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const [head, ...body] = text.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), body: body.join('\r\n\r\n') })
    })
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)
  })
}

describe('the running harness refuses what has no business with it', () => {
  it('refuses a connection without the token', async () => {
    expect(await handshakeStatus('/ws', [WS_APP_PROTOCOL])).toBe(401)
  })

  it('refuses a connection with a wrong token', async () => {
    expect(await handshakeStatus('/ws', wsProtocols(`${token.slice(1)}x`))).toBe(401)
  })

  it('refuses the token in the URL, where a failed connection would print it in the console', async () => {
    expect(await handshakeStatus(`/ws?token=${token}`, [WS_APP_PROTOCOL])).toBe(401)
  })

  it('refuses a page from another origin even with the token', async () => {
    expect(await handshakeStatus('/ws', wsProtocols(token), { origin: 'https://evil.example' })).toBe(403)
  })

  it('lets the page in from its own origin with the token', async () => {
    expect(await handshakeStatus('/ws', wsProtocols(token), { origin: `http://127.0.0.1:${port}` })).toBe(101)
  })

  it.each([
    '/../package.json',
    '/../../../../etc/passwd',
    '/..%2fpackage.json',
    '/%2e%2e/%2e%2e/package.json',
    '/..%5cpackage.json',
    '/assets/../../package.json',
  ])('serves nothing outside the page folder for %s', async (path) => {
    const { status, body } = await rawGet(path)
    expect([400, 403, 404]).toContain(status)
    expect(body).not.toContain('"name": "codex-desk"')
    expect(body).not.toContain('root:')
  })

  it('answers broken percent-encoding with 400, not a server error', async () => {
    expect((await rawGet('/%E0%A4%A')).status).toBe(400)
  })

  it('serves the page itself', async () => {
    const { status, body } = await rawGet('/')
    expect(status).toBe(200)
    expect(body).toContain('<div id="root">')
  })

  it('never prints its token, whatever it was sent', async () => {
    await bystanderStillAnswers()
    expect(harness.stderr()).not.toContain(token)
  })
})
