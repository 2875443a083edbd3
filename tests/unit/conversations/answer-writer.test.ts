import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAnswerWriter } from '../../../src/main/conversations/answer-writer'
import type { ChatMessage } from '../../../src/shared/domain'
import { steppedClock } from '../../support/stepped-clock'
import { openStore, tempDataDir, userMessage } from '../storage/support'

async function setUp() {
  const dataDir = await tempDataDir()
  const store = await openStore(dataDir)
  const { id } = await store.create({ model: 'gpt-5.4', effort: null, workspace: null })
  await store.appendUserMessage(id, userMessage('Write me a long story'))
  const written: string[] = []
  store.onChange((change) => written.push(change.upserted?.preview ?? ''))
  const time = steppedClock()
  const writer = createAnswerWriter({ store, conversationId: id, intervalMs: 1_000, clock: time.clock, log: () => {} })
  const answer = (text: string, state: ChatMessage['state'] = 'streaming'): ChatMessage => ({
    id: 'answer-1',
    role: 'assistant',
    createdAt: 1,
    parts: [{ kind: 'text', text }],
    state,
  })
  const settle = async () => {
    // Writes run on the store's queue; a microtask turn is not enough for a file append.
    await writer.settled()
  }
  return { dataDir, store, id, written, time, writer, answer, settle }
}

describe('the answer writer', () => {
  it('writes a streaming answer at most once per interval, always its newest version', async () => {
    const { written, time, writer, answer, settle } = await setUp()
    for (let i = 1; i <= 50; i++) writer.checkpoint(answer('x'.repeat(i)))
    await settle()
    expect(written).toEqual(['x'])

    writer.checkpoint(answer('newest so far'))
    await settle()
    expect(written).toEqual(['x'])
    time.advance(1_000)
    await settle()
    expect(written).toEqual(['x', 'newest so far'])
  })

  it('writes the final answer at once, and nothing waiting after it', async () => {
    const { store, id, written, time, writer, answer, settle } = await setUp()
    writer.checkpoint(answer('first'))
    writer.checkpoint(answer('waiting'))
    await writer.finish(answer('final', 'done'))
    time.advance(5_000)
    await settle()

    expect(written.at(-1)).toBe('final')
    expect(written).not.toContain('waiting')
    expect((await store.get(id)).messages.at(-1)).toMatchObject({ state: 'done', parts: [{ text: 'final' }] })
  })

  it('keeps the file within twice its text after a long streamed answer', async () => {
    const { dataDir, store, id, time, writer, answer } = await setUp()
    const words: string[] = []
    // A minute at 500 tokens a second: the answer grows and is checkpointed every second.
    for (let second = 0; second < 60; second++) {
      for (let token = 0; token < 500; token++) words.push(`w${second}-${token}`)
      writer.checkpoint(answer(words.join(' ')))
      await writer.settled()
      time.advance(1_000)
    }
    await writer.finish(answer(words.join(' '), 'done'))
    await writer.settled()

    const text = words.join(' ')
    const { size } = await stat(join(dataDir, 'conversations', `${id}.jsonl`))
    expect(size).toBeLessThanOrEqual(2 * text.length)
    expect((await store.get(id)).messages.at(-1)).toMatchObject({ state: 'done', parts: [{ text }] })
  })

  it('leaves the conversation as it was after compacting it, restart included', async () => {
    const { dataDir, store, id, time, writer, answer } = await setUp()
    await store.rename(id, 'Stories')
    await store.setPinned(id, true)
    for (let i = 1; i <= 5; i++) {
      writer.checkpoint(answer(`part ${i}`))
      await writer.settled()
      time.advance(1_000)
    }
    await writer.finish(answer('the end', 'done'))
    await writer.settled()
    const before = await store.get(id)
    await store.close()

    expect(await (await openStore(dataDir)).get(id)).toEqual(before)
  })
})
