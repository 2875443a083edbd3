/**
 * Every fault the fake backend can play, through the whole app (createAppServices, its in-process API, the real
 * OAuth sign-in, the real store): each ends in the state shared/protocol/codex.md §0 and §4 document, and the
 * conversation file, read back by a fresh store, holds exactly what the page was shown.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_CLIENT_ID } from '../../src/fake-codex/issuer'
import type { Scenario } from '../../src/fake-codex/responses'
import { type FakeCodex, startFakeCodex } from '../../src/fake-codex/server'
import { MAX_EVENT_CHARS } from '../../src/main/codex/sse-decoder'
import type { AppErrorKind } from '../../src/shared/errors'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { freeLoopbackPort } from '../../src/web/free-port'
import { type AppUnderTest, START, startAppUnderTest, textOf } from './support/app-under-test'

const IDLE_MS = DEFAULT_SETTINGS.streamIdleTimeoutMs
const RECOVERED = 'Recovered answer after the fault.'
/** What the fake streams before a fault "after output" (its `longText`): the first five words. */
const PARTIAL = 'word0 word1 word2 word3 word4 '

interface Expected {
  state: 'done' | 'error'
  /** `retryable` false also covers an error that does not say (it offers no Retry). */
  error?: { kind: AppErrorKind; retryable: boolean; resetsAt?: number }
  /** Each announced wait between attempts, in ms. */
  waits: number[]
  /** Whether each retry was announced as "Reconnecting" (output had started). */
  reconnecting?: boolean[]
  /** The answer's exact text at the end. */
  text: string
  /** Requests the backend received for the answer (title requests aside). */
  requests: number
  account?: 'signed-in' | 'signed-out'
}

interface FaultCase {
  name: string
  play: Scenario[]
  expected: Expected
  /** Where the backend is; the fake's own by default. */
  baseUrl?: () => Promise<string>
  /** Before the message is sent. */
  before?(app: AppUnderTest): Promise<void>
  /** While the answer streams: what only the test can do (let time pass). */
  drive?(app: AppUnderTest): Promise<void>
}

const recovered: Scenario = { kind: 'text', text: RECOVERED }
const BACKOFF = [1_000, 2_000, 4_000, 8_000, 16_000]

let fake: FakeCodex

/** Another program used the same sign-in: the app's refresh token is spent behind its back (codex.md §1.6). */
async function spendTheAppsRefreshToken(): Promise<void> {
  const refreshToken = fake.issuer.issuedTokens().at(-1)?.refresh_token
  const response = await fetch(`${fake.issuerUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: FAKE_CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken }),
  })
  expect(response.status).toBe(200)
}

/** Lets the idle timeout pass once the partial answer is on the page; only a fresh event could have moved it. */
async function idleAfterPartial(app: AppUnderTest): Promise<void> {
  await app.until(() => app.events.some((event) => event.type === 'text-delta'))
  app.clock.advance(IDLE_MS)
}

/**
 * Keep-alive comments are not events: the deadline stays where the last event put it. The clock goes to a
 * millisecond before it, more comments arrive, and the last millisecond ends the stream.
 */
async function idleThroughKeepAlives(app: AppUnderTest): Promise<void> {
  await app.until(() => fake.responses.keepAlivesSent >= 3)
  app.clock.advance(IDLE_MS - 1)
  const seen = fake.responses.keepAlivesSent
  await app.until(() => fake.responses.keepAlivesSent >= seen + 3)
  app.clock.advance(1)
}

const failed = (code: string, message?: string): Scenario => ({ kind: 'failed', code, message })

const CASES: FaultCase[] = [
  {
    name: '429 with Retry-After in seconds: waits that long, then answers',
    play: [{ kind: 'rate-limited', retryAfterSeconds: 7 }, recovered],
    expected: { state: 'done', waits: [7_000], reconnecting: [false], text: RECOVERED, requests: 2 },
  },
  {
    name: '429 with Retry-After as an HTTP date: waits until then, then answers',
    play: [{ kind: 'rate-limited', retryAfterDate: new Date(START + 30_000) }, recovered],
    expected: { state: 'done', waits: [30_000], text: RECOVERED, requests: 2 },
  },
  {
    name: '429 with retry-after-ms: waits that long, then answers',
    play: [{ kind: 'rate-limited', retryAfterMs: 1_500 }, recovered],
    expected: { state: 'done', waits: [1_500], text: RECOVERED, requests: 2 },
  },
  {
    name: '429 without a delay: backs off 1 s, then answers',
    play: [{ kind: 'rate-limited' }, recovered],
    expected: { state: 'done', waits: [1_000], text: RECOVERED, requests: 2 },
  },
  {
    name: '429 asking for more than 5 minutes: ends at once with the time to try again',
    play: [{ kind: 'rate-limited', retryAfterSeconds: 600 }],
    expected: {
      state: 'error',
      error: { kind: 'rate-limited', retryable: false, resetsAt: START + 600_000 },
      waits: [],
      text: '',
      requests: 1,
    },
  },
  {
    name: 'usage limit as 429: final, with its reset time',
    play: [{ kind: 'usage-limit', resetsAt: 1_900_003_600 }],
    expected: {
      state: 'error',
      error: { kind: 'usage-limit', retryable: false, resetsAt: 1_900_003_600_000 },
      waits: [],
      text: '',
      requests: 1,
    },
  },
  {
    name: 'usage limit as 404: final, with its reset time',
    play: [{ kind: 'usage-limit', status: 404, resetsInSeconds: 60 }],
    expected: {
      state: 'error',
      error: { kind: 'usage-limit', retryable: false, resetsAt: START + 60_000 },
      waits: [],
      text: '',
      requests: 1,
    },
  },
  {
    name: 'plan without Codex (429 usage_not_included): final',
    play: [{ kind: 'usage-limit', type: 'usage_not_included' }],
    expected: {
      state: 'error',
      error: { kind: 'usage-not-included', retryable: false },
      waits: [],
      text: '',
      requests: 1,
    },
  },
  {
    name: 'a burst of three 502s: backs off 1, 2 and 4 s, then answers',
    play: [{ kind: 'http-error', status: 502, body: { detail: 'Bad gateway' }, times: 3 }, recovered],
    expected: { state: 'done', waits: BACKOFF.slice(0, 3), text: RECOVERED, requests: 4 },
  },
  {
    name: '503s past the 5 retries: ends retryable with the server error',
    play: [{ kind: 'http-error', status: 503, body: { detail: 'Unavailable' }, times: 6 }],
    expected: { state: 'error', error: { kind: 'server', retryable: true }, waits: BACKOFF, text: '', requests: 6 },
  },
  {
    name: '503 server_is_overloaded: final, "pick another model"',
    play: [{ kind: 'http-error', status: 503, body: { error: { code: 'server_is_overloaded', message: 'Busy' } } }],
    expected: {
      state: 'error',
      error: { kind: 'model-overloaded', retryable: false },
      waits: [],
      text: '',
      requests: 1,
    },
  },
  {
    name: '401 with a good refresh token: refreshes once and answers, still signed in',
    play: [
      { kind: 'http-error', status: 401, body: { error: { code: 'token_expired', message: 'Token expired.' } } },
      recovered,
    ],
    expected: { state: 'done', waits: [], text: RECOVERED, requests: 2, account: 'signed-in' },
  },
  {
    name: '401 with a refresh token another program reused: signed out, "sign in again"',
    play: [{ kind: 'http-error', status: 401, body: { error: { code: 'token_expired', message: 'Token expired.' } } }],
    before: () => spendTheAppsRefreshToken(),
    expected: {
      state: 'error',
      error: { kind: 'sign-in-again', retryable: false },
      waits: [],
      text: '',
      requests: 1,
      account: 'signed-out',
    },
  },
  {
    name: 'cut before any output: re-sent without "Reconnecting", then answers',
    play: [{ kind: 'cut', afterDeltas: 0 }, recovered],
    expected: { state: 'done', waits: [1_000], reconnecting: [false], text: RECOVERED, requests: 2 },
  },
  {
    name: 'cut after output: "Reconnecting 1/5", the new answer replaces the partial one',
    play: [{ kind: 'cut', afterDeltas: 5 }, recovered],
    expected: { state: 'done', waits: [1_000], reconnecting: [true], text: RECOVERED, requests: 2 },
  },
  {
    name: 'cut after output every time: the partial answer stays, marked as cut, with Retry',
    play: [{ kind: 'cut', afterDeltas: 5, times: 6 }],
    expected: {
      state: 'error',
      error: { kind: 'stream-cut', retryable: true },
      waits: BACKOFF,
      reconnecting: [true, true, true, true, true],
      text: PARTIAL,
      requests: 6,
    },
  },
  {
    name: 'an unreadable event mid-answer: skipped, the answer completes',
    play: [{ kind: 'malformed', afterDeltas: 3, text: 'One two three four five six.' }],
    expected: { state: 'done', waits: [], text: 'One two three four five six.', requests: 1 },
  },
  {
    name: 'silence after output for the idle timeout: reconnects, then answers',
    play: [{ kind: 'idle', afterDeltas: 5 }, recovered],
    drive: idleAfterPartial,
    expected: { state: 'done', waits: [1_000], reconnecting: [true], text: RECOVERED, requests: 2 },
  },
  {
    name: 'an idle trickle of keep-alive comments: still idle at the timeout, reconnects, then answers',
    play: [{ kind: 'idle', afterDeltas: 5, keepAliveMs: 5 }, recovered],
    drive: idleThroughKeepAlives,
    expected: { state: 'done', waits: [1_000], reconnecting: [true], text: RECOVERED, requests: 2 },
  },
  {
    name: 'response.failed rate_limit_exceeded: waits as its message says, then answers',
    play: [failed('rate_limit_exceeded', 'Rate limit reached. Please try again in 11.054s.'), recovered],
    expected: { state: 'done', waits: [11_054], text: RECOVERED, requests: 2 },
  },
  {
    name: 'response.failed server_error: retried, then answers',
    play: [failed('server_error'), recovered],
    expected: { state: 'done', waits: [1_000], text: RECOVERED, requests: 2 },
  },
  {
    name: 'response.failed after output: reconnects and replaces the partial answer',
    play: [{ kind: 'failed', code: 'server_error', afterDeltas: 5 }, recovered],
    expected: { state: 'done', waits: [1_000], reconnecting: [true], text: RECOVERED, requests: 2 },
  },
  {
    name: 'response.failed usage_limit_reached: final',
    play: [failed('usage_limit_reached', 'The usage limit has been reached')],
    expected: { state: 'error', error: { kind: 'usage-limit', retryable: false }, waits: [], text: '', requests: 1 },
  },
  {
    name: 'response.failed usage_not_included: final',
    play: [failed('usage_not_included')],
    expected: {
      state: 'error',
      error: { kind: 'usage-not-included', retryable: false },
      waits: [],
      text: '',
      requests: 1,
    },
  },
  {
    name: 'response.failed insufficient_quota: final',
    play: [failed('insufficient_quota')],
    expected: { state: 'error', error: { kind: 'quota', retryable: false }, waits: [], text: '', requests: 1 },
  },
  {
    name: 'response.failed server_is_overloaded: final, "pick another model"',
    play: [failed('server_is_overloaded')],
    expected: {
      state: 'error',
      error: { kind: 'model-overloaded', retryable: false },
      waits: [],
      text: '',
      requests: 1,
    },
  },
  {
    name: 'response.failed with a code that is not transient (invalid_prompt): final',
    play: [failed('invalid_prompt', 'Invalid prompt.')],
    expected: { state: 'error', error: { kind: 'server', retryable: false }, waits: [], text: '', requests: 1 },
  },
  {
    name: 'response.failed usage_limit_reached after output: final, the partial answer stays',
    play: [{ kind: 'failed', code: 'usage_limit_reached', afterDeltas: 5 }],
    expected: {
      state: 'error',
      error: { kind: 'usage-limit', retryable: false },
      waits: [],
      text: PARTIAL,
      requests: 1,
    },
  },
  {
    name: 'an event over the size limit after output: refused as a malformed stream, the partial answer stays',
    // The decoder measures an event give or take one chunk of the body: a mebibyte over is over for certain.
    play: [{ kind: 'oversized', afterDeltas: 5, bytes: MAX_EVENT_CHARS + 1024 * 1024 }],
    expected: {
      state: 'error',
      error: { kind: 'malformed-stream', retryable: true },
      waits: [],
      text: PARTIAL,
      requests: 1,
    },
  },
  {
    name: 'connection refused: 5 retries with backoff, then a retryable network error',
    play: [],
    baseUrl: async () => `http://127.0.0.1:${await freeLoopbackPort()}/backend-api/codex`,
    expected: { state: 'error', error: { kind: 'network', retryable: true }, waits: BACKOFF, text: '', requests: 0 },
  },
]

beforeAll(async () => {
  fake = await startFakeCodex()
})
afterAll(() => fake.close())

let app: AppUnderTest | undefined
afterEach(async () => {
  await app?.remove()
  app = undefined
  fake.responses.reset()
})

describe('faults of the backend, through the whole app', () => {
  it.each(CASES)('$name', async (fault) => {
    const started = await startAppUnderTest(fake, { baseUrl: await fault.baseUrl?.() })
    app = started
    await fault.before?.(started)
    fake.responses.enqueue(...fault.play)

    const id = await started.send('Tell me something.')
    await fault.drive?.(started)
    const answer = await started.finished(id)
    const { expected } = fault

    expect(answer.state).toBe(expected.state)
    if (expected.error) expect({ retryable: false, ...answer.error }).toMatchObject(expected.error)
    else expect(answer.error).toBeUndefined()
    expect(textOf(answer)).toBe(expected.text)
    expect(started.waits).toEqual(expected.waits)
    expect(started.retries.map((retry) => retry.attempt)).toEqual(expected.waits.map((_, index) => index + 1))
    if (expected.reconnecting) expect(started.retries.map((retry) => retry.reconnecting)).toEqual(expected.reconnecting)
    expect(fake.responses.requests).toHaveLength(expected.requests)
    expect(started.account().status).toBe(expected.account ?? 'signed-in')

    // What the page shows, what a reload shows and what is on disk are the same messages.
    const shown = started.shown(id)
    expect(shown.at(-1)).toEqual(answer)
    const reloaded = await started.services.api.invoke('conversations:get', { id })
    if (!reloaded.ok) throw new Error(reloaded.error.message)
    expect(reloaded.value.messages).toEqual(shown)
    const onDisk = await started.closeAndReadBack(id)
    expect(onDisk.messages).toEqual(shown)
  })
})
