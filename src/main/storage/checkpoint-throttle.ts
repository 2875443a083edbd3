import type { ChatMessage } from '../../shared/domain'

export type WriteSnapshot = (conversationId: string, message: ChatMessage, flush: boolean) => Promise<void>

export interface CheckpointThrottle {
  record(conversationId: string, message: ChatMessage): Promise<void>
  /** Drops what is waiting for a conversation that no longer exists. */
  forget(conversationId: string): void
  /** Writes every waiting checkpoint now (on close, so a quit mid-answer keeps the latest text). */
  flushAll(): Promise<void>
}

interface Waiting {
  conversationId: string
  message?: ChatMessage
  lastWrittenAt: number
  timer?: NodeJS.Timeout
}

/**
 * A streaming message is written at most once per `intervalMs` (its latest snapshot, when the interval ends);
 * a message in a final state is written and flushed at once, whatever is waiting.
 */
export function createCheckpointThrottle(
  intervalMs: number,
  write: WriteSnapshot,
  log: (message: string) => void,
): CheckpointThrottle {
  const streams = new Map<string, Waiting>()
  const keyOf = (conversationId: string, messageId: string) => `${conversationId}\u0000${messageId}`

  function writeWaiting(key: string): Promise<void> {
    const waiting = streams.get(key)
    if (!waiting?.message) return Promise.resolve()
    clearTimeout(waiting.timer)
    const { message } = waiting
    waiting.message = undefined
    waiting.timer = undefined
    waiting.lastWrittenAt = Date.now()
    return write(waiting.conversationId, message, false).catch((error: unknown) =>
      log(`Could not checkpoint the answer being written: ${error instanceof Error ? error.message : String(error)}`),
    )
  }

  return {
    record(conversationId, message) {
      const key = keyOf(conversationId, message.id)
      const waiting = streams.get(key)
      if (message.state !== 'streaming') {
        clearTimeout(waiting?.timer)
        streams.delete(key)
        return write(conversationId, message, true)
      }
      const now = Date.now()
      if (!waiting || now - waiting.lastWrittenAt >= intervalMs) {
        clearTimeout(waiting?.timer)
        streams.set(key, { conversationId, lastWrittenAt: now })
        return write(conversationId, message, false)
      }
      waiting.message = message
      waiting.timer ??= setTimeout(() => void writeWaiting(key), waiting.lastWrittenAt + intervalMs - now)
      return Promise.resolve()
    },
    forget(conversationId) {
      for (const [key, waiting] of streams) {
        if (waiting.conversationId !== conversationId) continue
        clearTimeout(waiting.timer)
        streams.delete(key)
      }
    },
    async flushAll() {
      await Promise.all([...streams.keys()].map(writeWaiting))
    },
  }
}
