import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../../src/shared/domain'
import { answer, functionCall } from './support/events'
import { setupChat } from './support/setup'

const isTextDelta = (event: ChatEvent): event is Extract<ChatEvent, { type: 'text-delta' }> =>
  event.type === 'text-delta'

describe('stopping a reply', () => {
  it('keeps the partial answer and marks it cancelled when the user stops mid-stream', async () => {
    const { store, backend, harness, id } = await setupChat()
    backend.enqueue({
      events: [
        { type: 'text-delta', outputIndex: 0, delta: 'Once upon' },
        { type: 'text-delta', outputIndex: 0, delta: ' a time' },
      ],
      end: 'hang',
    })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Tell me a story' })
    await harness.waitForEvent((event): event is ChatEvent => isTextDelta(event) && event.delta === ' a time')

    await harness.call('chat:stop', { conversationId: id })

    const message = await finished
    expect(message).toMatchObject({ state: 'cancelled', parts: [{ kind: 'text', text: 'Once upon a time' }] })
    expect(message.error).toBeUndefined()
    expect((await store.get(id)).messages.at(-1)).toEqual(message)
  })

  it('ends cleanly when the user stops while a tool waits for approval', async () => {
    const { backend, harness, id } = await setupChat({ settings: { workspace: '/tmp' } })
    backend.enqueue({ events: [functionCall('w1', 'write_file', { path: 'x.txt', content: 'x' })] })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Write x' })
    await harness.waitForEvent(
      (event): event is ChatEvent => event.type === 'part-added' && event.part.kind === 'tool-call',
    )

    await harness.call('chat:stop', { conversationId: id })

    const message = await finished
    expect(message.state).toBe('cancelled')
    expect(message.parts[0]).toMatchObject({ state: 'denied' })
    expect(backend.requests).toHaveLength(1)
    await expect(
      harness.call('tools:decide', { conversationId: id, callId: 'w1', decision: 'approve' }),
    ).rejects.toMatchObject({ error: { kind: 'not-found' } })
  })

  it('lets the user send again right after a stop', async () => {
    const { backend, harness, id, ask } = await setupChat()
    backend.enqueue({ events: answer('Half'), end: 'hang' }, { events: answer('Fresh answer.') })
    await harness.call('chat:send', { conversationId: id, text: 'First' })
    await harness.call('chat:stop', { conversationId: id })
    expect(await ask('Second')).toMatchObject({ state: 'done' })
  })
})

describe('a failed reply', () => {
  const cut = { error: { kind: 'stream-cut' as const, message: 'The connection was lost.', retryable: true } }

  it('keeps the partial text with the error when the stream is cut after output', async () => {
    const { backend, ask } = await setupChat()
    backend.enqueue({ events: [{ type: 'text-delta', outputIndex: 0, delta: 'The answer is' }], end: cut })
    const message = await ask('Question')
    expect(message).toMatchObject({
      state: 'error',
      error: { kind: 'stream-cut' },
      parts: [{ kind: 'text', text: 'The answer is' }],
    })
  })

  it('answers the same question again on retry, replacing the failed answer', async () => {
    const { store, backend, harness, id, ask } = await setupChat()
    backend.enqueue(
      { events: [{ type: 'text-delta', outputIndex: 0, delta: 'The answer is' }], end: cut },
      { events: answer('The answer is 42.') },
    )
    const failed = await ask('Question')

    const finished = harness.nextFinished(id)
    await harness.call('chat:retry', { conversationId: id })
    const retried = await finished

    expect(retried).toMatchObject({ state: 'done', parts: [{ kind: 'text', text: 'The answer is 42.' }] })
    const messages = (await store.get(id)).messages
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(messages[1].id).not.toBe(failed.id)
    expect(backend.requests[1].input).toEqual(backend.requests[0].input)
    const started = harness.chatEvents.filter((event) => event.type === 'turn-started')
    expect(started.at(-1)).toMatchObject({ userMessage: undefined })
  })

  it('announces each retry the client makes', async () => {
    const { backend, harness, ask } = await setupChat()
    const notice = {
      attempt: 1,
      maxRetries: 10,
      retryAt: 1_000,
      error: { kind: 'rate-limited' as const, message: 'Too many requests.' },
    }
    backend.enqueue({ events: answer('Ok.'), retries: [notice] })
    await ask('Hi')
    expect(harness.chatEvents.find((event) => event.type === 'retrying')).toMatchObject(notice)
  })
})
