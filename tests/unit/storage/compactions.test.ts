import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConversationStore } from '../../../src/main/ports'
import type { Compaction } from '../../../src/shared/domain'
import { assistantMessage, newChat, openStore, tempDataDir, userMessage } from './support'

function compactionThrough(throughMessageId: string): Compaction {
  return {
    id: `compaction-${throughMessageId}`,
    throughMessageId,
    summary: 'They said hello.',
    model: 'gpt-5.4',
    createdAt: 9,
  }
}

/** Two exchanges; the first one summarised. */
async function compactedChat(store: ConversationStore) {
  const { id } = await store.create(newChat)
  const first = userMessage('Hello')
  const answer = assistantMessage([{ kind: 'text', text: 'Hi!' }])
  const second = userMessage('And now?')
  await store.appendUserMessage(id, first)
  await store.recordAssistantMessage(id, answer, { flush: true })
  await store.appendUserMessage(id, second)
  await store.recordCompaction(id, compactionThrough(answer.id))
  return { id, first, answer, second }
}

/** A conversation file written before compactions existed: version 1 records only. */
const versionOneFile = [
  { v: 1, type: 'header', id: 'old', title: 'Old chat', model: 'gpt-5.4', effort: null, workspace: null, created: 5 },
  {
    v: 1,
    type: 'message',
    at: 6,
    message: { id: 'm1', role: 'user', createdAt: 6, parts: [{ kind: 'text', text: 'hello' }], state: 'done' },
  },
]
  .map((record) => `${JSON.stringify(record)}\n`)
  .join('')

describe('compactions on disk', () => {
  it('opens a conversation saved before compactions existed, with none', async () => {
    const dataDir = await tempDataDir()
    await (await openStore(dataDir)).close()
    await writeFile(join(dataDir, 'conversations', 'old.jsonl'), versionOneFile)

    const store = await openStore(dataDir)

    expect(await store.get('old')).toMatchObject({ title: 'Old chat', messages: [{ id: 'm1' }], compactions: [] })
  })

  it('keeps a summary with its conversation across a restart, with every message', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id, answer } = await compactedChat(store)
    await store.close()

    const reopened = await (await openStore(dataDir)).get(id)

    expect(reopened.messages).toHaveLength(3)
    expect(reopened.compactions).toEqual([compactionThrough(answer.id)])
  })

  it('drops a summary when an edit removes the messages it covers', async () => {
    const store = await openStore(await tempDataDir())
    const { id, first } = await compactedChat(store)

    await store.truncateFrom(id, first.id)

    expect((await store.get(id)).compactions).toEqual([])
  })

  it('keeps a summary when an edit removes only later messages', async () => {
    const store = await openStore(await tempDataDir())
    const { id, answer, second } = await compactedChat(store)

    await store.truncateFrom(id, second.id)

    expect((await store.get(id)).compactions).toEqual([compactionThrough(answer.id)])
  })

  it('refuses a summary of messages the conversation does not have', async () => {
    const store = await openStore(await tempDataDir())
    const { id } = await store.create(newChat)

    await expect(store.recordCompaction(id, compactionThrough('nowhere'))).rejects.toMatchObject({
      error: { kind: 'not-found' },
    })
  })

  it('carries a summary through export and import, pointing at the imported messages', async () => {
    const store = await openStore(await tempDataDir())
    const { id } = await compactedChat(store)

    const imported = await store.get((await store.import((await store.export(id, 'json')).content)).id)

    expect(imported.compactions).toEqual([
      expect.objectContaining({ summary: 'They said hello.', throughMessageId: imported.messages[1].id }),
    ])
  })
})
