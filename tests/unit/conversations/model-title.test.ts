import { describe, expect, it } from 'vitest'
import { createModelTitles } from '../../../src/main/conversations/model-title'
import type { ConversationStore } from '../../../src/main/ports'
import type { ChatMessage } from '../../../src/shared/domain'
import { setupChat } from '../chat/support/setup'

describe('titles written by the model', () => {
  it('replaces the first words with a short title from the model after the first answer', async () => {
    const { harness, fake, ask, id } = await setupChat()
    fake.responses.setTitle('"Postgres migration without downtime."')
    fake.responses.enqueue({ kind: 'text', text: 'Use logical replication.' })
    await ask('How do I migrate a large Postgres database to a new server without downtime?')

    await harness.waitUntil(() => harness.titles(id).includes('Postgres migration without downtime'))
    expect((await harness.call('conversations:get', { id })).title).toBe('Postgres migration without downtime')
  })

  it('asks with a small request of its own on the cheapest model, with the first question and answer', async () => {
    const { harness, fake, ask, id } = await setupChat()
    fake.responses.enqueue({ kind: 'text', text: 'Tulips and crocuses.' })
    await ask('What should I plant in spring?')
    await harness.waitUntil(() => fake.responses.titleRequests.length === 1)

    const body = fake.responses.titleRequests[0].body as { model: string; tools: unknown[]; input: unknown }
    expect(body.model).toBe('gpt-5.4-mini')
    expect(body.tools).toEqual([])
    expect(JSON.stringify(body.input)).toContain('What should I plant in spring?')
    expect(JSON.stringify(body.input)).toContain('Tulips and crocuses.')
    expect(fake.responses.requests).toHaveLength(1)
    await harness.waitUntil(() => harness.titles(id).includes('What Should I Plant In Spring'))
  })

  it('asks only after the first answer, not after the ones that follow', async () => {
    const { fake, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'text', text: 'One.' }, { kind: 'text', text: 'Two.' })
    await ask('First question')
    await ask('Second question')
    expect(fake.responses.titleRequests).toHaveLength(1)
  })

  it('keeps the title the user chose, and does not ask for one', async () => {
    const { harness, fake, store } = await setupChat()
    fake.responses.setTitle('Spring planting')
    const { id, question, answer } = await firstExchange(store, 'What should I plant in spring?')
    await store.rename(id, 'My garden')

    await titlesOf(harness, store).afterAnswer(id, [question], answer)

    expect((await store.get(id)).title).toBe('My garden')
    expect(fake.responses.titleRequests).toEqual([])
  })

  it('leaves the first words when the model answers with no title', async () => {
    const { harness, fake, store } = await setupChat()
    fake.responses.setTitle('  ""  ')
    const { id, question, answer } = await firstExchange(store, 'Say hello to the team')

    await titlesOf(harness, store).afterAnswer(id, [question], answer)

    expect(fake.responses.titleRequests).toHaveLength(1)
    expect((await store.get(id)).title).toBe('Say hello to the team')
  })
})

/** A conversation with one question and its answer, as a first turn leaves it. */
async function firstExchange(store: ConversationStore, text: string) {
  const { id } = await store.create({ model: 'gpt-5.4', effort: null, workspace: null })
  const question: ChatMessage = { id: 'q1', role: 'user', createdAt: 1, parts: [{ kind: 'text', text }], state: 'done' }
  const answer: ChatMessage = {
    id: 'a1',
    role: 'assistant',
    createdAt: 2,
    parts: [{ kind: 'text', text: 'Hi.' }],
    state: 'done',
  }
  await store.appendUserMessage(id, question)
  await store.recordAssistantMessage(id, answer, { flush: true })
  return { id, question, answer }
}

/** The service's title writer over the same real client, model list and store. */
function titlesOf(harness: Awaited<ReturnType<typeof setupChat>>['harness'], store: ConversationStore) {
  return createModelTitles({
    client: harness.client,
    store,
    models: harness.models,
    onUsageLimits: () => {},
    log: () => {},
  })
}
