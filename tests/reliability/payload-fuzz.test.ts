import { readdir } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src/main/services'
import { APP_ERROR_KINDS } from '../../src/shared/errors'
import { type RequestChannel, requestChannels } from '../../src/shared/ipc-contract'
import { type OfflineApp, startOfflineApp } from '../support/offline-app'
import { seededRandom } from './support/seeded-random'

// Issue 13: thousands of malformed payloads over every channel of the whole app (not a stand-in for it), all
// answered with a typed error, none crashing main or writing anywhere.

const PAYLOADS = 10_000
const channels = Object.keys(requestChannels) as RequestChannel[]

const STRINGS = [
  '',
  ' ',
  '../../etc/passwd',
  '/',
  'C:\\Windows\\System32',
  'x'.repeat(300),
  '\u0000',
  '\ud800',
  '%E0%A4%A',
  'https://example.com/',
  'javascript:alert(1)',
  'file:///etc/passwd',
  '__proto__',
  'constructor',
  'gpt-5.5',
  'high',
  'dark',
]
const KEYS = ['id', 'conversationId', 'text', 'messageId', 'query', 'title', 'url', 'workspace', 'model', 'effort']

/**
 * A value no channel's schema accepts as a whole: `undefined` is never produced (the payload of channels that take
 * none), and objects carry a key outside the contract or a value of the wrong kind.
 */
function malformed(next: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  switch (Math.floor(next() * (depth > 2 ? 6 : 8))) {
    case 0:
      return pick([0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY])
    case 1:
      return pick(STRINGS)
    case 2:
      return pick([true, false])
    case 3:
      return null
    case 4:
      return Symbol('not data')
    case 5:
      return () => 'not data'
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => malformed(next, depth + 1))
    default: {
      const object: Record<string, unknown> = {}
      for (let i = 0; i < 1 + Math.floor(next() * 3); i++) object[pick(KEYS)] = malformed(next, depth + 1)
      // An own key even for `__proto__` (a plain assignment would set the prototype instead).
      Object.defineProperty(object, pick(['unexpected', '__proto__', 'constructor', 'then']), {
        value: malformed(next, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      })
      return object
    }
  }
}

let app: OfflineApp
let root: string
let services: AppServices

beforeEach(async () => {
  app = await startOfflineApp('codex-desk-fuzz-')
  ;({ root, services } = app)
})

afterEach(() => app.close())

describe('malformed payloads', () => {
  it(`answers ${PAYLOADS.toLocaleString('en')} of them over every channel with a typed error, and main goes on`, async () => {
    const next = seededRandom(13)
    const kinds = new Map<string, number>()
    for (let i = 0; i < PAYLOADS; i++) {
      const channel = i % 50 === 0 ? `${channels[i % channels.length]}x` : channels[i % channels.length]
      const result = await services.dispatch(channel, malformed(next))
      expect(result.ok, `payload ${i} on ${channel}`).toBe(false)
      if (result.ok) continue
      expect(APP_ERROR_KINDS).toContain(result.error.kind)
      kinds.set(result.error.kind, (kinds.get(result.error.kind) ?? 0) + 1)
    }

    expect([...kinds.keys()].sort()).toEqual(['invalid-payload', 'unknown-channel'])
    expect(await services.api.invoke('conversations:list')).toEqual({ ok: true, value: { entries: [], total: 0 } })
    expect(await readdir(root)).toEqual(['data'])
  }, 120_000)
})
