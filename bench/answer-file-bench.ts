import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAnswerWriter } from '../src/main/conversations/answer-writer'
import { storagePaths } from '../src/main/storage/paths'
import { openConversationStore } from '../src/main/storage/store'
import type { ChatMessage } from '../src/shared/domain'
import { steppedClock } from '../tests/support/stepped-clock'
import type { BenchRow } from './types'

const SECONDS = 60
const TOKENS_PER_SECOND = 500

function answer(text: string, state: ChatMessage['state']): ChatMessage {
  return { id: 'answer', role: 'assistant', createdAt: 1, parts: [{ kind: 'text', text }], state, model: 'gpt-5.4' }
}

/**
 * Streams a minute-long answer at 500 tokens a second into a conversation, checkpointed every second as the app
 * does, and returns the file's size and the answer's length. `compact: false` is the baseline: every checkpoint a
 * whole snapshot that stays in the file (how answers were stored before the answer writer).
 */
async function streamAnswer(dataDir: string, compact: boolean): Promise<{ size: number; text: number }> {
  const store = await openConversationStore({ dataDir })
  const { id } = await store.create({ model: 'gpt-5.4', effort: null, workspace: null })
  const time = steppedClock()
  const writer = createAnswerWriter({
    store: compact ? store : { ...store, compact: async () => {} },
    conversationId: id,
    intervalMs: 1_000,
    clock: time.clock,
    log: () => {},
  })
  const tokens: string[] = []
  for (let second = 0; second < SECONDS; second++) {
    for (let token = 0; token < TOKENS_PER_SECOND; token++) tokens.push(`tok${second}_${token}`)
    writer.checkpoint(answer(tokens.join(' '), 'streaming'))
    await writer.settled()
    time.advance(1_000)
  }
  const text = tokens.join(' ')
  await writer.finish(answer(text, 'done'))
  await writer.settled()
  await store.close()
  const { size } = await stat(storagePaths(dataDir).conversation(id))
  return { size, text: Buffer.byteLength(text) }
}

export async function runAnswerFileBench(): Promise<BenchRow[]> {
  const root = await mkdtemp(join(tmpdir(), 'codex-desk-answer-bench-'))
  try {
    const written = await streamAnswer(join(root, 'writer'), true)
    const baseline = await streamAnswer(join(root, 'baseline'), false)
    const times = (size: number) => Number((size / written.text).toFixed(2))
    return [
      {
        name: `conversation file after a ${SECONDS} s answer at ${TOKENS_PER_SECOND} tok/s, as a multiple of its text`,
        value: times(written.size),
        unit: '× text',
        baseline: times(baseline.size),
        ratio: baseline.size / written.size,
        note: `${(written.text / 1024).toFixed(0)} KiB of text; baseline: every 1 s checkpoint kept (no compaction); target ≤ 2×`,
      },
    ]
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
