import { readFile, utimes, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { storagePaths } from '../../../src/main/storage/paths'
import { FIRST_WINDOW_MESSAGES } from '../../../src/shared/contract/conversations'
import { assistantMessage, newChat, openStore, tempDataDir, userMessage } from './support'

const MESSAGES = 100

/** A conversation of MESSAGES messages, opened (so its body is cached) when its store closes. */
async function closedWithConversationOpen() {
  const dataDir = await tempDataDir()
  const store = await openStore(dataDir)
  const { id } = await store.create(newChat)
  for (let n = 0; n < MESSAGES / 2; n++) {
    await store.appendUserMessage(id, userMessage(`Question ${n}`))
    await store.recordAssistantMessage(id, assistantMessage([{ kind: 'text', text: `Answer ${n}` }]), { flush: false })
  }
  const expected = await store.window(id, { limit: FIRST_WINDOW_MESSAGES })
  await store.close()
  return { dataDir, id, expected, windowFile: storagePaths(dataDir).window(id) }
}

/** Changes the newest message's text in the saved window only, to tell which of the two an open answered from. */
async function alterSavedWindow(windowFile: string): Promise<void> {
  const saved = JSON.parse(await readFile(windowFile, 'utf8'))
  saved.window.messages.at(-1).parts[0].text = 'From the saved window'
  await writeFile(windowFile, JSON.stringify(saved))
}

describe('opening a conversation after a restart', () => {
  it('answers with the newest messages saved at closing, the same as replaying the file gives', async () => {
    const { dataDir, id, expected } = await closedWithConversationOpen()
    const store = await openStore(dataDir)
    expect(await store.window(id, { limit: FIRST_WINDOW_MESSAGES })).toEqual(expected)
  })

  it('takes them from the saved window without replaying the file, then loads the whole conversation', async () => {
    const { dataDir, id, windowFile } = await closedWithConversationOpen()
    await alterSavedWindow(windowFile)
    const store = await openStore(dataDir)
    const opened = await store.window(id, { limit: FIRST_WINDOW_MESSAGES })
    expect(opened.messages.at(-1)?.parts).toEqual([{ kind: 'text', text: 'From the saved window' }])
    expect(opened.olderCount).toBe(MESSAGES - FIRST_WINDOW_MESSAGES)
    expect((await store.get(id)).messages).toHaveLength(MESSAGES)
  })

  it('replays the file when it changed after the window was saved', async () => {
    const { dataDir, id, windowFile, expected } = await closedWithConversationOpen()
    await alterSavedWindow(windowFile)
    const later = new Date(Date.now() + 60_000)
    await utimes(storagePaths(dataDir).conversation(id), later, later)
    const store = await openStore(dataDir)
    expect((await store.window(id, { limit: FIRST_WINDOW_MESSAGES })).messages).toEqual(expected.messages)
  })

  it('replays the file when the saved window is damaged', async () => {
    const { dataDir, id, windowFile, expected } = await closedWithConversationOpen()
    await writeFile(windowFile, '{"format":"codex-desk.window","recordVersion":')
    const store = await openStore(dataDir)
    expect((await store.window(id, { limit: FIRST_WINDOW_MESSAGES })).messages).toEqual(expected.messages)
  })

  it('forgets the saved window of a deleted conversation', async () => {
    const { dataDir, id, windowFile } = await closedWithConversationOpen()
    const store = await openStore(dataDir)
    await store.delete(id)
    await expect(readFile(windowFile)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
