import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../../src/shared/domain'
import { setupChat } from './support/setup'

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
    await harness.waitForEvent((event): event is ChatEvent => isTextDelta(event) && event.delta === 'word1 ')

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
  const cut = { kind: 'cut', afterDeltas: 3, text: 'The answer is forty-two.' } as const

  it('keeps the partial text with the error when the stream is cut after output', async () => {
    const { fake, ask } = await setupChat()
    fake.responses.enqueue(cut)
    const message = await ask('Question')
    expect(message).toMatchObject({
      state: 'error',
      error: { kind: 'stream-cut' },
      parts: [{ kind: 'text', text: 'The answer is ' }],
    })
  })

  it('answers the same question again on retry, replacing the failed answer', async () => {
    const { fake, store, harness, id, ask, inputs } = await setupChat()
    fake.responses.enqueue(cut, { kind: 'text', text: 'The answer is forty-two.' })
    const failed = await ask('Question')

    const finished = harness.nextFinished(id)
    await harness.call('chat:retry', { conversationId: id })
    const retried = await finished

    expect(retried).toMatchObject({ state: 'done', parts: [{ kind: 'text', text: 'The answer is forty-two.' }] })
    const messages = (await store.get(id)).messages
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(messages[1].id).not.toBe(failed.id)
    expect(inputs()[1]).toEqual(inputs()[0])
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
