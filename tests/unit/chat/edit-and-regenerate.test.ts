import { describe, expect, it } from 'vitest'
import { answer } from './support/events'
import { setupChat } from './support/setup'

const texts = (messages: { parts: { kind: string; text?: string }[] }[]) =>
  messages.map((message) => message.parts.map((part) => part.text).join(''))

describe('edit and regenerate', () => {
  it('drops everything from the edited message on and answers the new text', async () => {
    const { store, backend, harness, id, ask } = await setupChat()
    backend.enqueue({ events: answer('Paris.') }, { events: answer('Ok.') }, { events: answer('Rome.') })
    await ask('Capital of France?')
    await ask('Thanks')
    const question = (await store.get(id)).messages[0]

    const finished = harness.nextFinished(id)
    await harness.call('chat:edit', { conversationId: id, messageId: question.id, text: 'Capital of Italy?' })
    await finished

    expect(texts((await store.get(id)).messages)).toEqual(['Capital of Italy?', 'Rome.'])
    expect(backend.requests[2].input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Capital of Italy?' }] },
    ])
    const started = harness.chatEvents.filter((event) => event.type === 'turn-started').at(-1)
    expect(started).toMatchObject({
      userMessage: { role: 'user', parts: [{ kind: 'text', text: 'Capital of Italy?' }] },
    })
  })

  it('replaces the last answer with a new one on regenerate', async () => {
    const { store, backend, harness, id, ask } = await setupChat()
    backend.enqueue({ events: answer('A joke.') }, { events: answer('A better joke.') })
    await ask('Tell me a joke')

    const finished = harness.nextFinished(id)
    await harness.call('chat:regenerate', { conversationId: id })
    await finished

    expect(texts((await store.get(id)).messages)).toEqual(['Tell me a joke', 'A better joke.'])
    expect(backend.requests[1].input).toEqual(backend.requests[0].input)
  })

  it('refuses to edit a message that is not in the conversation', async () => {
    const { harness, id } = await setupChat()
    await expect(harness.call('chat:edit', { conversationId: id, messageId: 'nope', text: 'x' })).rejects.toMatchObject(
      { error: { kind: 'not-found' } },
    )
  })
})
