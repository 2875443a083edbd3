import { describe, expect, it } from 'vitest'
import { openStore, tempDataDir, userMessage } from './support'

describe('a note where the app moved a conversation off a retired model', () => {
  async function movedConversation() {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create({ model: 'gpt-4.1', effort: null, workspace: null })
    const before = userMessage('Before')
    await store.appendUserMessage(id, before)
    await store.setModel(id, 'gpt-5.6-sol', 'medium', { replacing: 'gpt-4.1' })
    const after = userMessage('After')
    await store.appendUserMessage(id, after)
    return { dataDir, store, id, before, after }
  }

  it('is kept with the conversation, after the message it followed, across a restart', async () => {
    const { dataDir, store, id, before } = await movedConversation()
    await store.close()

    const reopened = await openStore(dataDir)
    const conversation = await reopened.get(id)
    expect(conversation).toMatchObject({ model: 'gpt-5.6-sol', effort: 'medium' })
    expect(conversation.notes).toEqual([
      { kind: 'model-retired', at: expect.any(Number), afterMessageId: before.id, from: 'gpt-4.1', to: 'gpt-5.6-sol' },
    ])
  })

  it('goes when the message it followed is edited away', async () => {
    const { store, id, before } = await movedConversation()

    await store.truncateFrom(id, before.id)

    expect((await store.get(id)).notes).toEqual([])
  })

  it('survives an export and import, and the conversation keeps its model', async () => {
    const { store, id } = await movedConversation()
    const exported = await store.export(id, 'json')

    const imported = await store.get((await store.import(exported.content)).id)

    const original = await store.get(id)
    expect(imported).toMatchObject({ model: 'gpt-5.6-sol', effort: 'medium' })
    expect(imported.notes).toEqual([{ ...original.notes?.[0], afterMessageId: imported.messages[0].id }])
    expect(imported.messages.map((message) => message.parts)).toEqual(original.messages.map((message) => message.parts))
  })
})
