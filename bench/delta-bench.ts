import { DELTA_INTERVAL_MS } from '../src/main/conversations/delta-coalescer'
import { createLiveAnswers } from '../src/main/conversations/live-answers'
import type { ChatEvent, ChatMessage } from '../src/shared/domain'
import { steppedClock } from '../tests/support/stepped-clock'
import type { BenchRow } from './types'

const TOKENS = 10_000
const TOKENS_PER_SECOND = 500

/**
 * Streams a 10,000-token answer at 500 tokens a second (one delta per token, as the backend sends them) through the
 * live answers on a stepped clock, and counts the chat events and their JSON bytes that would cross IPC or the
 * WebSocket to the renderer. The baseline is every event the turn runner published, one per delta, as it was sent
 * before deltas were merged.
 */
function streamAnswer(): { sent: number; sentBytes: number; published: number; publishedBytes: number } {
  const time = steppedClock()
  let sent = 0
  let sentBytes = 0
  const live = createLiveAnswers((event) => {
    sent++
    sentBytes += Buffer.byteLength(JSON.stringify(event))
  }, time.clock)
  let published = 0
  let publishedBytes = 0
  const publish = (event: ChatEvent) => {
    published++
    publishedBytes += Buffer.byteLength(JSON.stringify({ ...event, seq: published }))
    live.publish(event)
  }
  const message: ChatMessage = {
    id: 'answer',
    role: 'assistant',
    createdAt: 1,
    parts: [],
    state: 'streaming',
    model: 'gpt-5.4',
  }
  const conversationId = 'bench'
  publish({ type: 'turn-started', conversationId, assistantMessage: message })
  publish({
    type: 'part-added',
    conversationId,
    messageId: message.id,
    partIndex: 0,
    part: { kind: 'text', text: '' },
  })
  for (let token = 0; token < TOKENS; token++) {
    publish({ type: 'text-delta', conversationId, messageId: message.id, partIndex: 0, delta: ` tok${token}` })
    time.advance(1_000 / TOKENS_PER_SECOND)
  }
  publish({ type: 'turn-finished', conversationId, message: { ...message, state: 'done' } })
  return { sent, sentBytes, published, publishedBytes }
}

export async function runDeltaBench(): Promise<BenchRow[]> {
  const { sent, sentBytes, published, publishedBytes } = streamAnswer()
  const kib = (bytes: number) => Number((bytes / 1024).toFixed(1))
  return [
    {
      name: `messages sent to the renderer for a ${TOKENS.toLocaleString('en')}-token answer at ${TOKENS_PER_SECOND} tok/s`,
      value: sent,
      unit: 'messages',
      baseline: published,
      ratio: published / sent,
      note: `deltas merged per ${DELTA_INTERVAL_MS} ms (stepped clock); baseline: one message per delta`,
    },
    {
      name: 'bytes of those messages (JSON)',
      value: kib(sentBytes),
      unit: 'KiB',
      baseline: kib(publishedBytes),
      ratio: publishedBytes / sentBytes,
      note: 'each message repeats its conversation, message and part ids',
    },
  ]
}
