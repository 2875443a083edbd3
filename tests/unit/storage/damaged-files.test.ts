import { appendFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newChat, openStore, tempDataDir, userMessage } from './support'

async function chatWithThreeMessages(dataDir: string) {
  const store = await openStore(dataDir)
  const { id } = await store.create(newChat)
  const messages = [userMessage('one'), userMessage('two'), userMessage('three')]
  for (const message of messages) await store.appendUserMessage(id, message)
  await store.close()
  return { id, messages, file: join(dataDir, 'conversations', `${id}.jsonl`) }
}

describe('damaged conversation files', () => {
  it('shows an answer whose error kind this version does not know, with its message', async () => {
    const dataDir = await tempDataDir()
    const { id, file } = await chatWithThreeMessages(dataDir)
    const failed = {
      id: 'a1',
      role: 'assistant',
      createdAt: 17_000,
      parts: [],
      state: 'error',
      error: { kind: 'tool', message: 'The tool broke.' },
    }
    await appendFile(file, `${JSON.stringify({ v: 2, type: 'message', at: 17_000, message: failed })}\n`)

    const { messages } = await (await openStore(dataDir)).get(id)
    expect(messages.at(-1)).toMatchObject({ id: 'a1', error: { kind: 'internal', message: 'The tool broke.' } })
  })

  it('opens a conversation whose last line was cut off by a crash, with a warning', async () => {
    const dataDir = await tempDataDir()
    const { id, messages, file } = await chatWithThreeMessages(dataDir)
    await appendFile(file, '{"v":1,"type":"message","at":17000,"message":{"id":"half')
    const warnings: string[] = []

    const store = await openStore(dataDir, { log: (message) => warnings.push(message) })
    const loaded = await store.get(id)

    expect(loaded.messages.map((message) => message.id)).toEqual(messages.map((message) => message.id))
    expect(warnings.join('\n')).toMatch(/incomplete last line/)
  })

  it('keeps appending cleanly after a torn last line', async () => {
    const dataDir = await tempDataDir()
    const { id, file } = await chatWithThreeMessages(dataDir)
    await appendFile(file, '{"v":1,"type":"mess')
    const later = userMessage('after the crash')

    const store = await openStore(dataDir)
    await store.appendUserMessage(id, later)
    await store.close()

    const { messages } = await (await openStore(dataDir)).get(id)
    expect(messages.at(-1)).toEqual(later)
    expect(messages).toHaveLength(4)
  })

  it('sets a corrupt line aside in a .corrupt file and loads the rest', async () => {
    const dataDir = await tempDataDir()
    const { id, messages, file } = await chatWithThreeMessages(dataDir)
    const lines = (await readFile(file, 'utf8')).split('\n')
    lines[lines.findIndex((line) => line.includes('"two"'))] = '{"v":1,"type":"message" this is not JSON'
    await writeFile(file, lines.join('\n'))

    const store = await openStore(dataDir, { log: () => undefined })
    const loaded = await store.get(id)

    expect(loaded.messages.map((message) => message.id)).toEqual([messages[0].id, messages[2].id])
    expect(await readFile(`${file}.corrupt`, 'utf8')).toBe('{"v":1,"type":"message" this is not JSON\n')
  })
})
