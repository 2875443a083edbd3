import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MessagePart } from '../../../src/shared/domain'
import { assistantMessage, newChat, openStore, tempDataDir, userMessage } from './support'

const reasoning: MessagePart = {
  kind: 'reasoning',
  summary: ['Looking at the file first.', 'Then answering.'],
  item: { type: 'reasoning', summary: [], encrypted_content: 'gAAAAB-opaque-blob' },
}
const toolCall: MessagePart = {
  kind: 'tool-call',
  callId: 'call_1',
  name: 'read_file',
  arguments: '{"path":"README.md"}',
  state: 'done',
  output: '# Readme',
}

describe('conversation files', () => {
  it('brings back every kind of change after the app restarts', async () => {
    const dataDir = await tempDataDir()
    const first = await openStore(dataDir)
    const { id } = await first.create(newChat)
    const question = userMessage('What is in the readme?')
    const answer = assistantMessage([reasoning, toolCall, { kind: 'text', text: 'It has a title.' }], {
      usage: { inputTokens: 10, cachedInputTokens: 0, outputTokens: 5, reasoningOutputTokens: 2, totalTokens: 15 },
    })
    const dropped = userMessage('Never mind')
    await first.appendUserMessage(id, question)
    await first.recordAssistantMessage(id, answer, { flush: true })
    await first.rename(id, 'Readme questions')
    await first.setPinned(id, true)
    await first.setModel(id, 'gpt-5.4-mini', 'low')
    await first.appendUserMessage(id, dropped)
    await first.recordAssistantMessage(id, assistantMessage([{ kind: 'text', text: 'Ok.' }]), { flush: true })
    await first.truncateFrom(id, dropped.id)
    const before = await first.get(id)
    await first.close()

    const reopened = await openStore(dataDir)
    const after = await reopened.get(id)
    expect(after).toEqual(before)
    expect(after).toMatchObject({
      title: 'Readme questions',
      pinned: true,
      model: 'gpt-5.4-mini',
      effort: 'low',
      messageCount: 2,
      messages: [question, answer],
    })
  })

  it('keeps only the latest checkpoint of an answer that was streaming', async () => {
    const dataDir = await tempDataDir()
    const first = await openStore(dataDir)
    const { id } = await first.create(newChat)
    const streaming = assistantMessage([{ kind: 'text', text: 'Hel' }], { state: 'streaming' })
    await first.recordAssistantMessage(id, streaming, { flush: true })
    await first.recordAssistantMessage(
      id,
      { ...streaming, parts: [{ kind: 'text', text: 'Hello' }], state: 'done' },
      { flush: true },
    )
    await first.close()

    const { messages } = await (await openStore(dataDir)).get(id)
    expect(messages).toEqual([{ ...streaming, parts: [{ kind: 'text', text: 'Hello' }], state: 'done' }])
  })

  it('shows an answer cut off by a quit as interrupted, not as still streaming', async () => {
    const dataDir = await tempDataDir()
    const first = await openStore(dataDir)
    const { id } = await first.create(newChat)
    const partial = assistantMessage([{ kind: 'text', text: 'Once upon' }], { state: 'streaming' })
    await first.recordAssistantMessage(id, partial, { flush: false })
    await first.close()

    expect((await (await openStore(dataDir)).get(id)).messages[0]).toMatchObject({
      parts: partial.parts,
      state: 'error',
      error: { kind: 'stream-cut' },
    })
  })

  it('compacts, on open, a file left full of checkpoints by a quit, and it reads the same', async () => {
    const dataDir = await tempDataDir()
    const first = await openStore(dataDir)
    const { id } = await first.create(newChat)
    await first.appendUserMessage(id, userMessage('Tell me a story'))
    const answer = assistantMessage([], { state: 'streaming' })
    const words: string[] = []
    for (let second = 0; second < 30; second++) {
      words.push(`part${second} of the story goes on and on.`)
      await first.recordAssistantMessage(
        id,
        { ...answer, parts: [{ kind: 'text', text: words.join(' ') }] },
        { flush: false },
      )
    }
    await first.close()
    const file = join(dataDir, 'conversations', `${id}.jsonl`)
    const bloated = (await stat(file)).size

    const reopened = await openStore(dataDir)
    const loaded = await reopened.get(id)

    expect(loaded.messages.at(-1)?.parts).toEqual([{ kind: 'text', text: words.join(' ') }])
    expect((await stat(file)).size).toBeLessThan(bloated / 5)
    await expect(stat(`${file}.bak`)).rejects.toThrow()
    await reopened.close()
    expect(await (await openStore(dataDir)).get(id)).toEqual(loaded)
  })
})
