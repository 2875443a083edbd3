import { copyFile, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConversationStore } from '../../../src/main/ports'
import { seedConversations } from '../../../src/main/storage/seed'
import { assistantMessage, conversation, newChat, openStore, tempDataDir, userMessage } from './support'

const searchFile = (dataDir: string) => join(dataDir, 'conversations', 'search-index.json')
const conversationFile = (dataDir: string, id: string) => join(dataDir, 'conversations', `${id}.jsonl`)
const idsFound = async (store: ConversationStore, query: string) =>
  (await store.search(query)).map((hit) => hit.conversation.id)

/** A fixed, whole-second modification time, so a file can be put back to exactly the stamp the index saw. */
const FIXED_TIME = new Date(1_700_000_000_000)

async function seedGrillingChat(dataDir: string): Promise<void> {
  await seedConversations(dataDir, [
    conversation('grill', [
      userMessage('How do I grill an aubergine?'),
      assistantMessage([{ kind: 'text', text: 'Slice it thickly and salt it first.' }]),
    ]),
  ])
  await utimes(conversationFile(dataDir, 'grill'), FIXED_TIME, FIXED_TIME)
}

/** Opens the store, waits for its first search (the index is complete then) and closes it, saving the index. */
async function indexOnce(dataDir: string): Promise<void> {
  const store = await openStore(dataDir)
  await store.search('anything')
  await store.close()
}

describe('search after a restart', () => {
  it('finds a conversation after a restart from the saved index, without indexing its file again', async () => {
    const dataDir = await tempDataDir()
    await seedGrillingChat(dataDir)
    await indexOnce(dataDir)
    // Same size, same time: the store still takes the file for the one it indexed, so only a read would notice.
    const file = conversationFile(dataDir, 'grill')
    await writeFile(file, (await readFile(file, 'utf8')).replace('aubergine', 'courgette'))
    await utimes(file, FIXED_TIME, FIXED_TIME)

    const store = await openStore(dataDir)

    expect(await idsFound(store, 'aubergine')).toEqual(['grill'])
    expect(await idsFound(store, 'courgette')).toEqual([])
  })

  it.each([
    ['damaged', (path: string) => writeFile(path, '{"format":"codex-desk.search","version":1,"conv')],
    ['missing', (path: string) => rm(path)],
  ])('rebuilds a %s search index from the conversation files', async (_, spoil) => {
    const dataDir = await tempDataDir()
    await seedGrillingChat(dataDir)
    await indexOnce(dataDir)
    await spoil(searchFile(dataDir))

    const store = await openStore(dataDir)
    expect(await idsFound(store, 'aubergine')).toEqual(['grill'])
    await store.close()

    expect(JSON.parse(await readFile(searchFile(dataDir), 'utf8'))).toMatchObject({ format: 'codex-desk.search' })
  })

  it('finds a message written after the search index was last saved', async () => {
    const dataDir = await tempDataDir()
    await seedGrillingChat(dataDir)
    await indexOnce(dataDir)
    const older = `${searchFile(dataDir)}.older`
    await copyFile(searchFile(dataDir), older)
    const store = await openStore(dataDir)
    await store.appendUserMessage('grill', userMessage('And a zeppelin-shaped pepper?'))
    await store.close()
    // As after a crash before the index was saved: the conversation's file is newer than the index says.
    await copyFile(older, searchFile(dataDir))

    const reopened = await openStore(dataDir)

    expect(await idsFound(reopened, 'zeppelin')).toEqual(['grill'])
  })

  it('no longer finds a deleted conversation, after a restart either', async () => {
    const dataDir = await tempDataDir()
    await seedGrillingChat(dataDir)
    const store = await openStore(dataDir)
    expect(await idsFound(store, 'aubergine')).toEqual(['grill'])

    await store.delete('grill')

    expect(await idsFound(store, 'aubergine')).toEqual([])
    await store.close()
    expect(await idsFound(await openStore(dataDir), 'aubergine')).toEqual([])
  })

  it('no longer finds a conversation deleted while the app was closed', async () => {
    const dataDir = await tempDataDir()
    await seedGrillingChat(dataDir)
    await indexOnce(dataDir)
    await rm(conversationFile(dataDir, 'grill'))

    expect(await idsFound(await openStore(dataDir), 'aubergine')).toEqual([])
  })

  it('no longer finds the words of messages removed by editing an earlier one, after a restart either', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create(newChat)
    const question = userMessage('What wine goes with paella?')
    await store.appendUserMessage(id, question)
    await store.recordAssistantMessage(id, assistantMessage([{ kind: 'text', text: 'A dry albariño.' }]), {
      flush: true,
    })
    expect(await idsFound(store, 'albariño')).toEqual([id])

    await store.truncateFrom(id, question.id)

    expect(await idsFound(store, 'albariño')).toEqual([])
    await store.close()
    expect(await idsFound(await openStore(dataDir), 'albariño')).toEqual([])
  })
})

describe('what a search matches', () => {
  it('finds a message by the beginnings of several of its words', async () => {
    const dataDir = await tempDataDir()
    await seedGrillingChat(dataDir)
    const store = await openStore(dataDir)

    expect(await store.search('GRI auber')).toEqual([
      { conversation: expect.objectContaining({ id: 'grill' }), snippet: 'How do I grill an aubergine?' },
    ])
  })

  it('needs every word of the query in the same message', async () => {
    const dataDir = await tempDataDir()
    await seedGrillingChat(dataDir)
    const store = await openStore(dataDir)

    expect(await idsFound(store, 'aubergine salt')).toEqual([])
    expect(await idsFound(store, 'aubergine grill tomato')).toEqual([])
  })

  it('ranks a conversation about the words above an older passing mention', async () => {
    const dataDir = await tempDataDir()
    const passing = 'We talked about many things today, the weather, the garden, the trains and, briefly, zeppelins.'
    await seedConversations(dataDir, [
      conversation('about', [userMessage('Zeppelin history', { createdAt: 1_700_000_000_000 })]),
      conversation('passing', [userMessage(passing, { createdAt: 1_700_000_500_000 })]),
    ])
    const store = await openStore(dataDir)

    expect(await idsFound(store, 'zeppelin')).toEqual(['about', 'passing'])
    expect(store.list().map((summary) => summary.id)).toEqual(['passing', 'about'])
  })

  it('finds Chinese text by characters inside a sentence', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create(newChat)
    await store.appendUserMessage(id, userMessage('我想学习做饭和烤茄子'))

    expect(await store.search('茄子')).toEqual([
      { conversation: expect.objectContaining({ id }), snippet: '我想学习做饭和烤茄子' },
    ])
  })
})

describe('search after an import', () => {
  it('finds a conversation imported while the app runs by its words', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    // The index is loaded and caught up before the import, so only the import itself can bring it in.
    await store.search('anything')
    const exported = conversation('old', [
      userMessage('Where did we put the kayak?'),
      assistantMessage([{ kind: 'text', text: 'In the boathouse.' }]),
    ])

    const { id } = await store.import(
      JSON.stringify({ format: 'codex-desk.conversation', version: 1, conversation: exported }),
    )

    expect(await idsFound(store, 'kayak')).toEqual([id])
  })
})
