import { copyFile, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newChat, openStore, tempDataDir, userMessage } from './support'

const indexPath = (dataDir: string) => join(dataDir, 'conversations', 'index.json')

describe('conversation index', () => {
  it('lists every conversation after index.json was deleted', async () => {
    const dataDir = await tempDataDir()
    const first = await openStore(dataDir)
    const a = await first.create(newChat)
    await first.appendUserMessage(a.id, userMessage('Plan the garden'))
    const b = await first.create(newChat)
    await first.setPinned(b.id, true)
    const before = first.list()
    await first.close()
    await rm(indexPath(dataDir))

    const reopened = await openStore(dataDir)
    expect(reopened.list()).toEqual(before)
    expect(reopened.list().map((summary) => summary.title)).toEqual(['New chat', 'Plan the garden'])
  })

  it('saves the rebuilt index so the next start reads no bodies', async () => {
    const dataDir = await tempDataDir()
    const first = await openStore(dataDir)
    const { id } = await first.create(newChat)
    await first.close()
    await rm(indexPath(dataDir))

    await openStore(dataDir)

    const saved = JSON.parse(await readFile(indexPath(dataDir), 'utf8'))
    expect(saved.conversations.map((entry: { id: string }) => entry.id)).toEqual([id])
  })

  it('lists every conversation when index.json is unreadable', async () => {
    const dataDir = await tempDataDir()
    const first = await openStore(dataDir)
    const { id } = await first.create(newChat)
    await first.close()
    await writeFile(indexPath(dataDir), '{"format":"codex-desk.index","conv')

    const reopened = await openStore(dataDir, { log: () => undefined })
    expect(reopened.list().map((summary) => summary.id)).toEqual([id])
  })

  it('shows changes the index missed before a crash', async () => {
    const dataDir = await tempDataDir()
    const first = await openStore(dataDir)
    const a = await first.create(newChat)
    await first.close()
    await copyFile(indexPath(dataDir), join(dataDir, 'old-index.json'))
    const second = await openStore(dataDir)
    await second.rename(a.id, 'Renamed later')
    const b = await second.create(newChat)
    await second.close()
    // As if the app died before the index caught up with the conversation files.
    await copyFile(join(dataDir, 'old-index.json'), indexPath(dataDir))

    const reopened = await openStore(dataDir)
    expect(reopened.list().map(({ id, title }) => ({ id, title }))).toEqual([
      { id: b.id, title: 'New chat' },
      { id: a.id, title: 'Renamed later' },
    ])
  })

  it('forgets a conversation whose file was removed while the app was closed', async () => {
    const dataDir = await tempDataDir()
    const first = await openStore(dataDir)
    const a = await first.create(newChat)
    const b = await first.create(newChat)
    await first.close()
    await rm(join(dataDir, 'conversations', `${a.id}.jsonl`))

    const reopened = await openStore(dataDir)
    expect(reopened.list().map((summary) => summary.id)).toEqual([b.id])
  })

  it('saves the index as a small summary file without message bodies', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create(newChat)
    await store.appendUserMessage(id, userMessage(`A long question ${'with many words '.repeat(200)}`))
    await store.close()

    const saved = JSON.parse(await readFile(indexPath(dataDir), 'utf8'))
    expect(saved.conversations).toHaveLength(1)
    expect(saved.conversations[0]).toMatchObject({ id, messageCount: 1 })
    expect(saved.conversations[0].preview.length).toBeLessThanOrEqual(121)
  })
})
