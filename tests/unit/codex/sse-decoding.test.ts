import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FakeCodex } from '../../../src/fake-codex/server'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { fakeClock, fixture, jsonFixtureAsSse, makeClient, request, run, startFake, until } from './support'

let fake: FakeCodex
beforeAll(async () => {
  fake = await startFake()
})
afterAll(() => fake.close())
beforeEach(() => fake.responses.reset())

/** Decoding tests judge one stream: no retries hide what the decoder did. */
const noRetries = { maxRetries: 0 }

describe('decoding the Responses stream', () => {
  it('shows the reasoning summary and the answer of a real reasoning capture', async () => {
    fake.responses.enqueue({ kind: 'raw', body: fixture('openai_responses_reasoning_text_stream.sse') })
    const result = await run(makeClient(fake, {}, noRetries))

    const types = result.events.map((event) => event.type)
    expect(types[0]).toBe('created')
    expect(types).toContain('reasoning-summary-part-added')
    expect(result.events.filter((event) => event.type === 'reasoning-summary-delta')).toHaveLength(5)
    expect(result.events.filter((event) => event.type === 'text-delta')).toHaveLength(12)
    expect(result.events.filter((event) => event.type === 'output-item-done').map((event) => event.item.type)).toEqual([
      'reasoning',
      'message',
    ])
    expect(result.outcome).toMatchObject({
      status: 'completed',
      usage: { inputTokens: 17, cachedInputTokens: 0, outputTokens: 122, reasoningOutputTokens: 64, totalTokens: 139 },
    })
  })

  it('assembles the arguments of a real function call capture', async () => {
    fake.responses.enqueue({ kind: 'raw', body: fixture('openai_responses_function_call_stream.sse') })
    const result = await run(makeClient(fake, {}, noRetries))

    const args = result.events.flatMap((event) => (event.type === 'function-call-arguments-delta' ? [event.delta] : []))
    expect(args).toHaveLength(13)
    expect(args.join('')).toBe('{"location":"Freiburg im Breisgau, Germany"}')
    const done = result.events.find((event) => event.type === 'output-item-done' && event.item.type === 'function_call')
    expect(done).toMatchObject({ item: { name: 'get_weather', call_id: expect.stringMatching(/^call_/) } })
    expect(result.outcome?.status).toBe('completed')
  })

  it("reads Codex's own minimal fixture", async () => {
    fake.responses.enqueue({ kind: 'raw', body: fixture('codex_cli_responses_fixture.sse') })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.events).toEqual([
      { type: 'created', responseId: 'resp1' },
      {
        type: 'output-item-done',
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'fixture hello' }] },
      },
    ])
    expect(result.outcome).toEqual({ status: 'completed', responseId: 'resp1' })
  })

  it('reads data-only framing that ends with [DONE]', async () => {
    fake.responses.enqueue({ kind: 'raw', body: fixture('pi_mono_codex_completed_stream.sse') })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.text).toBe('Hello')
    expect(result.outcome?.usage).toEqual({
      inputTokens: 5,
      cachedInputTokens: 0,
      outputTokens: 3,
      reasoningOutputTokens: 0,
      totalTokens: 8,
    })
  })

  it('reads a stream with CRLF line endings', async () => {
    const body = fixture('openai_responses_reasoning_text_stream.sse').replace(/\r?\n/g, '\r\n')
    fake.responses.enqueue({ kind: 'raw', body })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.events.filter((event) => event.type === 'text-delta')).toHaveLength(12)
    expect(result.outcome?.status).toBe('completed')
  })

  it('counts null token details as zero', async () => {
    fake.responses.enqueue({ kind: 'raw', body: jsonFixtureAsSse('codex_sse_apply_patch_add.json') })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.events).toEqual([
      { type: 'output-item-done', item: expect.objectContaining({ type: 'custom_tool_call', name: 'apply_patch' }) },
    ])
    expect(result.outcome?.usage).toEqual({
      inputTokens: 0,
      cachedInputTokens: 0,
      outputTokens: 0,
      reasoningOutputTokens: 0,
      totalTokens: 0,
    })
  })

  it('ends a truncated answer as incomplete with its reason', async () => {
    fake.responses.enqueue({ kind: 'raw', body: fixture('pi_mono_codex_incomplete_stream.sse') })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.text).toBe('Hello')
    expect(result.outcome).toMatchObject({ status: 'incomplete', incompleteReason: 'max_output_tokens' })
  })

  it("ignores event types it does not know, comments, keep-alives and the 'response.done' alias", async () => {
    const body = [
      ': ping\r\n\r\n',
      'data: {"type":"response.new_tool_event","whatever":1}\n\n',
      'event: mystery\ndata: {"type":"response.output_text.delta",\ndata: "delta":"Hi"}\n\n',
      'data: {"type":"response.done","response":{}}\n\n',
      ': keep-alive\n\n',
      'data: {"type":"response.completed","response":{"id":"r1"}}\n\n',
    ].join('')
    fake.responses.enqueue({ kind: 'raw', body })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.events).toEqual([{ type: 'text-delta', delta: 'Hi' }])
    expect(result.outcome).toEqual({ status: 'completed', responseId: 'r1' })
  })

  it('skips an event it cannot read mid-stream and reads on to the end', async () => {
    const logged: string[] = []
    const text = 'private words before and after the broken event'
    fake.responses.enqueue({ kind: 'malformed', afterDeltas: 3, text })
    const result = await run(makeClient(fake, { log: (message) => logged.push(message) }, noRetries))

    expect(result.error).toBeUndefined()
    expect(result.text).toBe(text)
    expect(result.outcome?.status).toBe('completed')
    expect(logged).toHaveLength(1)
    // Logged without its content, which may hold the user's words.
    expect(logged[0]).not.toMatch(/output_text|delta|private/)
  })

  it("fails on an 'error' event with a top-level code", async () => {
    fake.responses.enqueue({
      kind: 'raw',
      body: 'data: {"type":"error","code":"invalid_prompt","message":"Nope."}\n\n',
    })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.error).toMatchObject({ kind: 'server', code: 'invalid_prompt', message: 'Nope.' })
  })

  it("fails on an 'error' event carrying a nested usage limit", async () => {
    const event = { type: 'error', status_code: 429, error: { type: 'usage_limit_reached', resets_at: 1_800_000_000 } }
    fake.responses.enqueue({ kind: 'raw', body: `data: ${JSON.stringify(event)}\n\n` })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.error).toMatchObject({ kind: 'usage-limit', resetsAt: 1_800_000_000_000 })
  })

  it('never finishes an answer whose stream ended without response.completed', async () => {
    const body = fixture('pi_mono_codex_completed_stream.sse').split('data: {"type":"response.completed"')[0]
    fake.responses.enqueue({ kind: 'raw', body })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.outcome).toBeUndefined()
    expect(result.error).toMatchObject({ kind: 'stream-cut', retryable: true })
  })

  it('waits 300 s by default for a silent stream, then gives up on it', async () => {
    const clock = fakeClock()
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 2 })
    const settings = { ...noRetries, streamIdleTimeoutMs: DEFAULT_SETTINGS.streamIdleTimeoutMs }
    let settled = false
    let deltas = 0
    const pending = run(makeClient(fake, clock, settings), request(), {
      onEvent: (event) => {
        if (event.type === 'text-delta') deltas += 1
      },
    }).finally(() => {
      settled = true
    })
    // The deadline is set again after each event, in the same turn: the one pending now follows the last delta.
    await until(() => deltas === 2)
    expect(clock.pending()).toEqual([300_000])

    clock.advance(299_999)
    await new Promise((resolve) => setImmediate(resolve))
    expect(settled).toBe(false)
    clock.advance(1)
    const result = await pending

    expect(result.text).toBe('word0 word1 ')
    // With no re-send left, the partial answer is kept as cut, saying why.
    expect(result.error).toMatchObject({ kind: 'stream-cut', message: expect.stringContaining('stopped arriving') })
  })

  it('finishes at response.completed even when the server keeps the body open', async () => {
    fake.responses.enqueue({ kind: 'text', text: 'All done.', keepOpen: true })
    const result = await run(makeClient(fake, {}, { ...noRetries, streamIdleTimeoutMs: 10_000 }))

    expect(result.text).toBe('All done.')
    expect(result.outcome?.status).toBe('completed')
  })

  it('streams a long answer paced at a token rate to the end', async () => {
    const text = Array.from({ length: 30 }, (_, index) => `token${index}`).join(' ')
    fake.responses.enqueue({ kind: 'text', text, tokensPerSecond: 500 })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.text).toBe(text)
    expect(result.events.filter((event) => event.type === 'text-delta')).toHaveLength(30)
  })

  it('ends a scripted truncated answer as incomplete', async () => {
    fake.responses.enqueue({ kind: 'incomplete', reason: 'content_filter', text: 'Half an' })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.text).toBe('Half an')
    expect(result.outcome).toMatchObject({ status: 'incomplete', incompleteReason: 'content_filter' })
  })

  it("reports the usage meters of a 'codex.rate_limits' event", async () => {
    const event = {
      type: 'codex.rate_limits',
      plan_type: 'pro',
      rate_limits: { primary: { used_percent: 12.5, window_minutes: 300, reset_at: 1_800_000_000 }, secondary: null },
    }
    const body = `data: ${JSON.stringify(event)}\n\ndata: {"type":"response.completed","response":{}}\n\n`
    fake.responses.enqueue({ kind: 'raw', body })
    const result = await run(makeClient(fake, {}, noRetries))

    expect(result.limits).toEqual([
      {
        planType: 'pro',
        primary: { usedPercent: 12.5, windowMinutes: 300, resetsAt: 1_800_000_000_000 },
        updatedAt: expect.any(Number),
      },
    ])
    expect(result.limits[0].secondary).toBeUndefined()
  })

  it('streams reasoning, text and tool calls from the scripted fake in event-line and data-only framing', async () => {
    for (const framing of ['event-lines', 'data-only'] as const) {
      fake.responses.enqueue({
        kind: 'function-calls',
        framing,
        reasoning: ['Thinking it over.'],
        text: 'Let me check.',
        calls: [
          { name: 'read_file', arguments: '{"path":"README.md"}' },
          { name: 'list_dir', arguments: '{"path":"."}' },
        ],
      })
      const result = await run(makeClient(fake, {}, noRetries))

      expect(result.text).toBe('Let me check.')
      const calls = result.events.flatMap((event) =>
        event.type === 'output-item-done' && event.item.type === 'function_call' ? [event.item] : [],
      )
      expect(calls.map((call) => [call.name, call.arguments])).toEqual([
        ['read_file', '{"path":"README.md"}'],
        ['list_dir', '{"path":"."}'],
      ])
      expect(result.outcome?.usage?.reasoningOutputTokens).toBeGreaterThan(0)
    }
  })
})
