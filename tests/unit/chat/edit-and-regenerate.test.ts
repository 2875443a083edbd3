import { describe, expect, it } from 'vitest'
import type { ReadonlyMessage } from '../../../src/shared/domain'
import { setupChat } from './support/setup'

const texts = (messages: readonly ReadonlyMessage[]) =>
  messages.map((message) => message.parts.map((part) => (part.kind === 'text' ? part.text : '')).join(''))

describe('edit and regenerate', () => {
  it('drops everything from the edited message on and answers the new text', async () => {
    const { fake, store, harness, id, ask, inputs } = await setupChat()
    fake.responses.enqueue(
      { kind: 'text', text: 'Paris.' },
      { kind: 'text', text: 'Ok.' },
      { kind: 'text', text: 'Rome.' },
    )
    await ask('Capital of France?')
    await ask('Thanks')
    const question = (await store.get(id)).messages[0]

    const finished = harness.nextFinished(id)
    await harness.call('chat:edit', { conversationId: id, messageId: question.id, text: 'Capital of Italy?' })
    await finished

    expect(texts((await store.get(id)).messages)).toEqual(['Capital of Italy?', 'Rome.'])
    expect(inputs()[2]).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Capital of Italy?' }] },
    ])
    expect(harness.chatEvents.filter((event) => event.type === 'turn-started').at(-1)).toMatchObject({
      userMessage: { role: 'user', parts: [{ kind: 'text', text: 'Capital of Italy?' }] },
    })
  })

  it('replaces the last answer with a new one on regenerate', async () => {
    const { fake, store, harness, id, ask, inputs } = await setupChat()
    fake.responses.enqueue({ kind: 'text', text: 'A joke.' }, { kind: 'text', text: 'A better joke.' })
    await ask('Tell me a joke')

    const finished = harness.nextFinished(id)
    await harness.call('chat:regenerate', { conversationId: id })
    await finished

    expect(texts((await store.get(id)).messages)).toEqual(['Tell me a joke', 'A better joke.'])
    expect(inputs()[1]).toEqual(inputs()[0])
  })

  it('refuses to edit a message that is not in the conversation', async () => {
    const { harness, id } = await setupChat()
    await expect(harness.call('chat:edit', { conversationId: id, messageId: 'nope', text: 'x' })).rejects.toMatchObject(
      { error: { kind: 'not-found' } },
    )
  })
})
