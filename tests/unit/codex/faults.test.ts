import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FakeCodex } from '../../../src/fake-codex/server'
import { createRetryNow } from '../../../src/main/codex/retry'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { fakeClock, makeClient, request, run, startFake, testTokens, until } from './support'

let fake: FakeCodex
beforeAll(async () => {
  fake = await startFake()
})
afterAll(() => fake.close())
beforeEach(() => fake.responses.reset())

/** A clock on a whole second (HTTP dates have second precision). */
const NOW = 1_900_000_000_000
/** The defaults a person gets (codex.md §0: 5 retries from 1 s). */
const defaults = { maxRetries: DEFAULT_SETTINGS.maxRetries, retryBaseDelayMs: DEFAULT_SETTINGS.retryBaseDelayMs }

describe('retries and final errors', () => {
  it('retries a 429 and announces the attempt and when it happens', async () => {
    fake.responses.enqueue({ kind: 'rate-limited' }, { kind: 'text', text: 'Back again.' })
    const result = await run(makeClient(fake))

    expect(result.text).toBe('Back again.')
    expect(result.retries).toHaveLength(1)
    expect(result.retries[0]).toMatchObject({ attempt: 1, maxRetries: 3, error: { kind: 'rate-limited' } })
    expect(result.retries[0].retryAt).toEqual(expect.any(Number))
    expect(fake.responses.requests).toHaveLength(2)
  })

  it('waits as long as Retry-After says in seconds', async () => {
    const clock = fakeClock(NOW)
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterSeconds: 7 })
    const result = await run(makeClient(fake, clock), request(), { clock })

    expect(result.waits).toEqual([7_000])
    expect(clock.now()).toBe(NOW + 7_000)
    expect(result.outcome?.status).toBe('completed')
  })

  it('waits until the HTTP date Retry-After gives', async () => {
    const clock = fakeClock(NOW)
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterDate: new Date(NOW + 30_000) })
    const result = await run(makeClient(fake, clock), request(), { clock })

    expect(result.waits).toEqual([30_000])
    expect(result.outcome?.status).toBe('completed')
  })

  it('backs off 1, 2, 4, 8 and 16 s by default when the server gives no delay', async () => {
    const clock = fakeClock(NOW)
    fake.responses.enqueue({ kind: 'http-error', status: 502, body: { detail: 'Bad gateway' }, times: 5 })
    const result = await run(makeClient(fake, { ...clock, random: () => 0.5 }, defaults), request(), { clock })

    expect(result.waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000])
    expect(result.retries.map((notice) => [notice.attempt, notice.maxRetries])).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ])
    expect(result.outcome?.status).toBe('completed')
  })

  it.each([
    [0, 0.9],
    [0.999_999, 1.1],
  ])('jitters each backoff wait between 0.9 and 1.1 times (random %d)', async (random, factor) => {
    const clock = fakeClock(NOW)
    fake.responses.enqueue({ kind: 'http-error', status: 502, body: { detail: 'Bad gateway' }, times: 5 })
    const result = await run(makeClient(fake, { ...clock, random: () => random }, defaults), request(), { clock })

    expect(result.waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000].map((ms) => Math.round(ms * factor)))
  })

  it('caps every backoff wait at 60 s', async () => {
    const clock = fakeClock(NOW)
    fake.responses.enqueue({ kind: 'http-error', status: 502, body: { detail: 'Bad gateway' }, times: 5 })
    const client = makeClient(fake, { ...clock, random: () => 0.5 }, { ...defaults, retryBaseDelayMs: 10_000 })
    const result = await run(client, request(), { clock })

    expect(result.waits).toEqual([10_000, 20_000, 40_000, 60_000, 60_000])
  })

  it('caps a longer Retry-After at 60 s', async () => {
    const clock = fakeClock(NOW)
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterSeconds: 240 })
    const result = await run(makeClient(fake, clock), request(), { clock })

    expect(result.waits).toEqual([60_000])
    expect(result.outcome?.status).toBe('completed')
  })

  it('ends the turn with the time to try again when the server asks for more than 5 minutes', async () => {
    const clock = fakeClock(NOW)
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterSeconds: 600 })
    const result = await run(makeClient(fake, clock), request(), { clock })

    expect(result.retries).toEqual([])
    expect(result.error).toMatchObject({ kind: 'rate-limited', retryable: false, resetsAt: NOW + 600_000 })
    expect(result.error?.message).toContain('wait 10 minutes')
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('cuts a wait short when the user asks to retry now', async () => {
    const clock = fakeClock(NOW)
    const retryNow = createRetryNow()
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterSeconds: 50 }, { kind: 'text', text: 'Right away.' })
    const result = await run(makeClient(fake, clock), request(), {
      retryNow,
      onRetry: () => queueMicrotask(() => expect(retryNow.trigger()).toBe(true)),
    })

    expect(result.text).toBe('Right away.')
    expect(clock.now()).toBe(NOW)
    expect(fake.responses.requests).toHaveLength(2)
    expect(retryNow.trigger()).toBe(false)
  })

  it('retries 5xx answers and then succeeds', async () => {
    fake.responses.enqueue({ kind: 'http-error', status: 500, body: { detail: 'boom' }, times: 2 })
    const result = await run(makeClient(fake))

    expect(result.retries.map((notice) => notice.error.kind)).toEqual(['server', 'server'])
    expect(result.outcome?.status).toBe('completed')
    expect(fake.responses.requests).toHaveLength(3)
  })

  it('gives up with the last error after maxRetries', async () => {
    fake.responses.enqueue({ kind: 'http-error', status: 503, body: { detail: 'down' }, times: 5 })
    const result = await run(makeClient(fake, {}, { maxRetries: 2 }))

    expect(result.retries).toHaveLength(2)
    expect(result.error).toMatchObject({ kind: 'server', status: 503, retryable: true })
    expect(fake.responses.requests).toHaveLength(3)
  })

  it('retries when the backend cannot be reached and then reports a network error', async () => {
    const client = makeClient(fake, { baseUrl: 'http://127.0.0.1:1/backend-api/codex' }, { maxRetries: 1 })
    const result = await run(client)

    expect(result.retries.map((notice) => notice.error.kind)).toEqual(['network'])
    expect(result.error).toMatchObject({ kind: 'network', retryable: true })
  })

  it('stops at a usage limit and says when it resets', async () => {
    fake.responses.enqueue({ kind: 'usage-limit', resetsAt: 1_777_936_568 })
    const result = await run(makeClient(fake))

    expect(result.error).toMatchObject({ kind: 'usage-limit', status: 429, resetsAt: 1_777_936_568_000 })
    expect(result.retries).toEqual([])
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('works out the reset time of a usage limit from resets_in_seconds', async () => {
    fake.responses.enqueue({ kind: 'usage-limit', resetsInSeconds: 600 })
    const result = await run(makeClient(fake, { now: () => NOW }))

    expect(result.error).toMatchObject({ kind: 'usage-limit', resetsAt: NOW + 600_000 })
  })

  it('treats a usage limit that comes back as 404 the same way', async () => {
    fake.responses.enqueue({ kind: 'usage-limit', status: 404, resetsAt: 1_777_936_568 })
    const result = await run(makeClient(fake))

    expect(result.error).toMatchObject({ kind: 'usage-limit', resetsAt: 1_777_936_568_000 })
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('says the plan does not include Codex without retrying', async () => {
    fake.responses.enqueue({ kind: 'usage-limit', type: 'usage_not_included' })
    const result = await run(makeClient(fake))

    expect(result.error?.kind).toBe('usage-not-included')
    expect(fake.responses.requests).toHaveLength(1)
  })

  it("does not retry a 400 and shows the backend's reason", async () => {
    const result = await run(makeClient(fake), request({ instructions: '' }))

    expect(result.error).toMatchObject({ kind: 'invalid-request', status: 400 })
    expect(result.error?.message).toContain('Instructions are required')
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('asks to pick another model when the backend rejects the model', async () => {
    const result = await run(makeClient(fake), request({ model: 'gpt-5.2-codex' }))

    expect(result.error?.kind).toBe('model-rejected')
    expect(result.error?.message).toContain('gpt-5.2-codex')
    expect(result.error?.message).toMatch(/pick another/i)
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('retries a stream cut before any output', async () => {
    fake.responses.enqueue({ kind: 'cut', afterDeltas: 0 }, { kind: 'text', text: 'Second try.' })
    const result = await run(makeClient(fake))

    expect(result.retries.map((notice) => notice.error.kind)).toEqual(['stream-cut'])
    expect(result.text).toBe('Second try.')
    expect(result.outcome?.status).toBe('completed')
  })

  it('re-sends the whole request after a break mid-answer, and its answer replaces the partial one', async () => {
    fake.responses.enqueue(
      { kind: 'cut', afterDeltas: 3, text: 'one two three four five' },
      { kind: 'text', text: 'Whole.' },
    )
    const result = await run(makeClient(fake))

    expect(result.retries).toMatchObject([{ attempt: 1, reconnecting: true, error: { kind: 'stream-cut' } }])
    const shown = result.events.flatMap((event) =>
      event.type === 'text-delta' ? [event.delta] : event.type === 'output-replaced' ? ['|replaced|'] : [],
    )
    expect(shown).toEqual(['one ', 'two ', 'three ', '|replaced|', 'Whole.'])
    expect(result.outcome?.status).toBe('completed')
    const [first, second] = fake.responses.requests
    expect(second.body).toEqual(first.body)
  })

  it('keeps the partial answer, marked as cut, when the re-sends are spent', async () => {
    fake.responses.enqueue({ kind: 'cut', afterDeltas: 2, text: 'one two three', times: 4 })
    const result = await run(makeClient(fake, {}, { maxRetries: 3 }))

    expect(result.retries.map((notice) => [notice.attempt, notice.reconnecting])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ])
    expect(result.error).toMatchObject({ kind: 'stream-cut', retryable: true })
    expect(fake.responses.requests).toHaveLength(4)
  })

  it('retries a stream that goes quiet before any output', async () => {
    const clock = fakeClock(NOW)
    fake.responses.enqueue({ kind: 'idle' }, { kind: 'text', text: 'Awake.' })
    let created = false
    const pending = run(makeClient(fake, clock), request(), {
      clock,
      onEvent: (event) => {
        if (event.type === 'created') created = true
      },
    })
    await until(() => created)
    clock.advance(5_000)
    const result = await pending

    expect(result.retries.map((notice) => [notice.error.kind, notice.reconnecting])).toEqual([['idle-timeout', false]])
    expect(result.text).toBe('Awake.')
  })
})

describe('response.failed inside the stream', () => {
  it.each([
    ['context_length_exceeded', 'context-length'],
    ['insufficient_quota', 'quota'],
    ['usage_not_included', 'usage-not-included'],
    ['invalid_prompt', 'server'],
    ['server_is_overloaded', 'model-overloaded'],
    ['slow_down', 'model-overloaded'],
  ])('ends the turn without retrying on %s', async (code, kind) => {
    fake.responses.enqueue({ kind: 'failed', code })
    const result = await run(makeClient(fake))

    expect(result.error).toMatchObject({ kind, code })
    expect(result.retries).toEqual([])
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('retries a rate limit after the delay its message asks for', async () => {
    const clock = fakeClock(NOW)
    fake.responses.enqueue({
      kind: 'failed',
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached for gpt-5.1. Please try again in 11.054s. Visit the docs.',
    })
    const result = await run(makeClient(fake, clock), request(), { clock })

    expect(result.waits).toEqual([11_054])
    expect(result.retries[0].error.kind).toBe('rate-limited')
    expect(result.outcome?.status).toBe('completed')
  })

  it('retries a transient server error', async () => {
    fake.responses.enqueue({ kind: 'failed', code: 'server_error' })
    const result = await run(makeClient(fake))

    expect(result.retries.map((notice) => notice.error.kind)).toEqual(['server'])
    expect(result.outcome?.status).toBe('completed')
  })
})

describe('an overloaded model', () => {
  const atCapacity = 'This model is at capacity right now. Pick another model.'

  it('is final on a 503 and asks to pick another model', async () => {
    const body = { error: { code: 'server_is_overloaded', message: 'Overloaded.' } }
    fake.responses.enqueue({ kind: 'http-error', status: 503, body })
    const result = await run(makeClient(fake))

    expect(result.error).toEqual(
      expect.objectContaining({ kind: 'model-overloaded', message: atCapacity, status: 503, retryable: false }),
    )
    expect(result.retries).toEqual([])
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('is final whatever the status says', async () => {
    fake.responses.enqueue({
      kind: 'http-error',
      status: 429,
      body: { error: { code: 'slow_down', message: 'Slow.' } },
    })
    const result = await run(makeClient(fake))

    expect(result.error).toMatchObject({ kind: 'model-overloaded', code: 'slow_down', message: atCapacity })
    expect(fake.responses.requests).toHaveLength(1)
  })

  it("is final in an 'error' event too", async () => {
    const body = 'data: {"type":"error","code":"server_is_overloaded","message":"Busy."}\n\n'
    fake.responses.enqueue({ kind: 'raw', body })
    const result = await run(makeClient(fake))

    expect(result.error).toMatchObject({ kind: 'model-overloaded', message: atCapacity })
    expect(fake.responses.requests).toHaveLength(1)
  })
})

describe('cancelling', () => {
  it('stops at once when cancelled during a backoff wait and sends nothing more', async () => {
    const controller = new AbortController()
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterSeconds: 50 })
    const result = await run(makeClient(fake), request(), {
      signal: controller.signal,
      onRetry: () => controller.abort(),
    })

    expect(result.error?.kind).toBe('cancelled')
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('stops a streaming answer when cancelled', async () => {
    const controller = new AbortController()
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 1 })
    const client = makeClient(fake, {}, { streamIdleTimeoutMs: 60_000 })
    const pending = client.stream(request(), {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'text-delta') controller.abort()
      },
    })

    await expect(pending).rejects.toMatchObject({ error: { kind: 'cancelled' } })
  })
})

describe('expired sign-in', () => {
  it('refreshes once after a 401 and replays the request', async () => {
    const tokens = testTokens('stale-token')
    const result = await run(makeClient(fake, { tokens }))

    expect(tokens.refreshes).toBe(1)
    expect(result.outcome?.status).toBe('completed')
    expect(fake.responses.requests.map((req) => req.headers.authorization)).toEqual([
      'Bearer stale-token',
      'Bearer test-access-token',
    ])
  })

  it('asks to sign in again when the refreshed token is refused too', async () => {
    const tokens = testTokens('stale-token', 'still-stale-token')
    const result = await run(makeClient(fake, { tokens }))

    expect(tokens.refreshes).toBe(1)
    expect(result.error?.kind).toBe('sign-in-again')
    expect(fake.responses.requests).toHaveLength(2)
  })
})
