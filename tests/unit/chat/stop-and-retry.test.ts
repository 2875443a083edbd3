import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../../src/shared/domain'
import { setupChat } from './support/setup'

const isRetrying = (event: ChatEvent): event is Extract<ChatEvent, { type: 'retrying' }> => event.type === 'retrying'

const isTextDelta = (event: ChatEvent): event is Extract<ChatEvent, { type: 'text-delta' }> =>
  event.type === 'text-delta'
const isToolCall = (event: ChatEvent): event is Extract<ChatEvent, { type: 'part-added' }> =>
  event.type === 'part-added' && event.part.kind === 'tool-call'

describe('stopping a reply', () => {
  it('keeps the partial answer and marks it cancelled when the user stops mid-stream', async () => {
    const { fake, store, harness, id } = await setupChat()
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 2 })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Tell me a story' })
    await harness.waitUntil(() => harness.shownAnswerText(id) === 'word0 word1 ')

    await harness.call('chat:stop', { conversationId: id })

    const message = await finished
    expect(message).toMatchObject({ state: 'cancelled', parts: [{ kind: 'text', text: 'word0 word1 ' }] })
    expect(message.error).toBeUndefined()
    expect((await store.get(id)).messages.at(-1)).toEqual(message)
  })

  it('ends cleanly when the user stops while a tool waits for approval', async () => {
    const { fake, harness, id } = await setupChat({ settings: { workspace: '/tmp' } })
    fake.responses.enqueue({
      kind: 'function-calls',
      calls: [{ name: 'write_file', arguments: '{"path":"x.txt","content":"x"}', callId: 'w1' }],
    })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Write x' })
    await harness.waitForEvent(isToolCall)

    await harness.call('chat:stop', { conversationId: id })

    const message = await finished
    expect(message.state).toBe('cancelled')
    expect(message.parts[0]).toMatchObject({ state: 'denied' })
    expect(fake.responses.requests).toHaveLength(1)
    await expect(
      harness.call('tools:decide', { conversationId: id, callId: 'w1', decision: 'approve' }),
    ).rejects.toMatchObject({ error: { kind: 'not-found' } })
  })

  it('lets the user send again right after a stop', async () => {
    const { fake, harness, id, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 2 }, { kind: 'text', text: 'Fresh answer.' })
    await harness.call('chat:send', { conversationId: id, text: 'First' })
    await harness.waitForEvent(isTextDelta)
    await harness.call('chat:stop', { conversationId: id })
    expect(await ask('Second')).toMatchObject({ state: 'done', parts: [{ kind: 'text', text: 'Fresh answer.' }] })
  })
})

describe('a failed reply', () => {
  /** Cut after output every time, the first try and all 5 re-sends. */
  const cut = { kind: 'cut', afterDeltas: 3, text: 'The answer is forty-two.', times: 6 } as const

  it('keeps the partial text, marked as cut, when every re-send breaks too', async () => {
    const { fake, harness, ask } = await setupChat()
    fake.responses.enqueue(cut)
    const message = await ask('Question')
    expect(message).toMatchObject({
      state: 'error',
      error: { kind: 'stream-cut' },
      parts: [{ kind: 'text', text: 'The answer is ' }],
    })
    const retries = harness.chatEvents.filter((event) => event.type === 'retrying')
    expect(retries.map((event) => [event.attempt, event.maxRetries, event.reconnecting])).toEqual(
      [1, 2, 3, 4, 5].map((attempt) => [attempt, 5, true]),
    )
    expect(fake.responses.requests).toHaveLength(6)
  })

  it('answers the same question again on retry, replacing the failed answer', async () => {
    const { fake, store, harness, id, ask, inputs } = await setupChat()
    fake.responses.enqueue(cut, { kind: 'text', text: 'The answer is forty-two.' })
    const failed = await ask('Question')

    const finished = harness.nextFinished(id)
    await harness.call('chat:regenerate', { conversationId: id })
    const retried = await finished

    expect(retried).toMatchObject({ state: 'done', parts: [{ kind: 'text', text: 'The answer is forty-two.' }] })
    const messages = (await store.get(id)).messages
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(messages[1].id).not.toBe(failed.id)
    expect(inputs().at(-1)).toEqual(inputs()[0])
    expect(harness.chatEvents.filter((event) => event.type === 'turn-started').at(-1)).toMatchObject({
      userMessage: undefined,
    })
  })

  it('shows a final error such as a usage limit without partial output', async () => {
    const { fake, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'usage-limit', resetsInSeconds: 600 })
    expect(await ask('Hi')).toMatchObject({ state: 'error', error: { kind: 'usage-limit' }, parts: [] })
  })

  it('announces each retry the client makes', async () => {
    const { fake, harness, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterMs: 1 }, { kind: 'text', text: 'Ok.' })
    expect(await ask('Hi')).toMatchObject({ state: 'done' })
    expect(harness.chatEvents.find((event) => event.type === 'retrying')).toMatchObject({
      attempt: 1,
      error: { kind: 'rate-limited' },
    })
  })
})

describe('a reply that breaks mid-answer', () => {
  it('is re-sent, and the new answer replaces the partial one on screen and on disk', async () => {
    const { fake, store, harness, id, ask, inputs } = await setupChat()
    fake.responses.enqueue(
      { kind: 'function-calls', calls: [{ name: 'get_current_time', arguments: '{}', callId: 't1' }] },
      { kind: 'cut', afterDeltas: 2, text: 'Broken answer that never ends.' },
      { kind: 'text', text: 'It is noon.' },
    )
    const message = await ask('What time is it?')

    expect(message.state).toBe('done')
    expect(message.parts.map((part) => (part.kind === 'text' ? part.text : part.kind))).toEqual([
      'tool-call',
      'It is noon.',
    ])
    expect((await store.get(id)).messages.at(-1)).toEqual(message)
    // On screen: the partial stayed until the re-sent request produced output, then only the tool round was kept.
    const kinds = harness.chatEvents.map((event) => event.type)
    expect(kinds.indexOf('parts-reset')).toBeGreaterThan(kinds.indexOf('retrying'))
    expect(harness.chatEvents.find((event) => event.type === 'parts-reset')).toMatchObject({
      parts: [{ kind: 'tool-call', callId: 't1' }],
    })
    expect(harness.chatEvents.find(isRetrying)).toMatchObject({ attempt: 1, reconnecting: true })
    // The whole request of that round went again, unchanged.
    expect(inputs()[2]).toEqual(inputs()[1])
  })

  it('answers once, on screen and in the next request, when its deltas carry no ids', async () => {
    const { fake, harness, ask, inputs } = await setupChat()
    fake.responses.enqueue({ kind: 'text', text: 'Only once.', reasoning: ['Thinking.'], deltasWithoutIds: true })
    const message = await ask('Say it once')
    expect(message.parts).toMatchObject([
      { kind: 'reasoning', summary: ['Thinking.'] },
      { kind: 'text', text: 'Only once.' },
    ])
    expect(harness.chatEvents.filter((event) => event.type === 'part-added')).toHaveLength(2)

    await ask('Again')
    const replayed = inputs()[1].filter((item) => item.type === 'message' && item.role === 'assistant')
    expect(replayed).toEqual([
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Only once.' }] },
    ])
  })
})

describe('waiting before the next attempt', () => {
  it('ends early when the user asks to retry now', async () => {
    const { fake, harness, id, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'rate-limited', retryAfterSeconds: 50 }, { kind: 'text', text: 'Here now.' })
    const answered = ask('Hello')
    await harness.waitForEvent(isRetrying)

    await harness.call('chat:retry-now', { conversationId: id })

    expect(await answered).toMatchObject({ state: 'done', parts: [{ kind: 'text', text: 'Here now.' }] })
    expect(fake.responses.requests).toHaveLength(2)
  })

  it('asking to retry now with nothing waiting changes nothing', async () => {
    const { id, harness, ask } = await setupChat()
    await harness.call('chat:retry-now', { conversationId: id })
    expect(await ask('Hi')).toMatchObject({ state: 'done' })
  })
})
