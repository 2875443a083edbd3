import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FakeCodex } from '../../../src/fake-codex/server'
import { makeClient, request, run, startFake, testTokens } from './support'

let fake: FakeCodex
beforeAll(async () => {
  fake = await startFake()
})
afterAll(() => fake.close())
beforeEach(() => fake.responses.reset())

/** A clock on a whole second (HTTP dates have second precision) and a sleep that records instead of waiting. */
const NOW = 1_900_000_000_000
function recordedSleep() {
  const waits: number[] = []
  return { waits, sleep: async (ms: number) => void waits.push(ms) }
}

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
    const { waits, sleep } = recordedSleep()
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterSeconds: 7 })
    const result = await run(makeClient(fake, { now: () => NOW, sleep }))

    expect(waits).toEqual([7_000])
    expect(result.retries[0].retryAt).toBe(NOW + 7_000)
    expect(result.outcome?.status).toBe('completed')
  })

  it('waits until the HTTP date Retry-After gives', async () => {
    const { waits, sleep } = recordedSleep()
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterDate: new Date(NOW + 30_000) })
    const result = await run(makeClient(fake, { now: () => NOW, sleep }))

    expect(waits).toEqual([30_000])
    expect(result.outcome?.status).toBe('completed')
  })

  it('backs off exponentially when the server gives no delay', async () => {
    const { waits, sleep } = recordedSleep()
    fake.responses.enqueue({ kind: 'http-error', status: 502, body: { detail: 'Bad gateway' }, times: 3 })
    const result = await run(makeClient(fake, { sleep, random: () => 0.5 }, { retryBaseDelayMs: 100 }))

    expect(waits).toEqual([100, 200, 400])
    expect(result.retries.map((notice) => notice.attempt)).toEqual([1, 2, 3])
    expect(result.outcome?.status).toBe('completed')
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

  it('keeps the partial answer when the stream is cut after output', async () => {
    fake.responses.enqueue({ kind: 'cut', afterDeltas: 3, text: 'one two three four five' })
    const result = await run(makeClient(fake))

    expect(result.text).toBe('one two three ')
    expect(result.error).toMatchObject({ kind: 'stream-cut', retryable: true })
    expect(result.retries).toEqual([])
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('retries a stream that goes quiet before any output', async () => {
    fake.responses.enqueue({ kind: 'idle' }, { kind: 'text', text: 'Awake.' })
    const result = await run(makeClient(fake, {}, { streamIdleTimeoutMs: 150 }))

    expect(result.retries.map((notice) => notice.error.kind)).toEqual(['idle-timeout'])
    expect(result.text).toBe('Awake.')
  })
})

describe('response.failed inside the stream', () => {
  it.each([
    ['context_length_exceeded', 'context-length'],
    ['insufficient_quota', 'quota'],
    ['usage_not_included', 'usage-not-included'],
    ['invalid_prompt', 'server'],
  ])('ends the turn without retrying on %s', async (code, kind) => {
    fake.responses.enqueue({ kind: 'failed', code })
    const result = await run(makeClient(fake))

    expect(result.error).toMatchObject({ kind, code })
    expect(result.retries).toEqual([])
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('retries a rate limit after the delay its message asks for', async () => {
    const { waits, sleep } = recordedSleep()
    fake.responses.enqueue({
      kind: 'failed',
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached for gpt-5.1. Please try again in 11.054s. Visit the docs.',
    })
    const result = await run(makeClient(fake, { sleep }))

    expect(waits).toEqual([11_054])
    expect(result.retries[0].error.kind).toBe('rate-limited')
    expect(result.outcome?.status).toBe('completed')
  })

  it('retries an overloaded server', async () => {
    fake.responses.enqueue({ kind: 'failed', code: 'server_is_overloaded' })
    const result = await run(makeClient(fake))

    expect(result.retries.map((notice) => notice.error.kind)).toEqual(['server'])
    expect(result.outcome?.status).toBe('completed')
  })
})

describe('cancelling', () => {
  it('stops at once when cancelled during a backoff wait and sends nothing more', async () => {
    const controller = new AbortController()
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterSeconds: 600 })
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
