import type { ChatMessage } from '../../shared/domain'
import { type Clock, systemClock } from '../clock'
import type { ConversationStore } from '../ports'

export interface AnswerWriter {
  /** The answer changed while streaming; written when the interval allows, unless a newer version comes first. */
  checkpoint(message: ChatMessage): void
  /**
   * The answer in its final state: written and flushed after whatever write is under way, replacing anything
   * waiting. Resolves once it is on disk (never rejects: a failed write is logged). The file is compacted after.
   */
  finish(message: ChatMessage): Promise<void>
  /** Resolves once every write and the compaction are over. */
  settled(): Promise<void>
}

export interface AnswerWriterDeps {
  store: Pick<ConversationStore, 'recordAssistantMessage' | 'compact'>
  conversationId: string
  /** At most one checkpoint per interval. */
  intervalMs: number
  clock?: Clock
  log(message: string): void
}

/**
 * The one path an answer takes to disk, with its rules in one place: the newest version wins (writes never overtake
 * each other, and a version superseded while waiting is never written); a streaming answer is checkpointed at most
 * once per interval, without fsync; the final version is flushed at once; and since every checkpoint is a whole
 * snapshot, the file is compacted once the answer ends, so it stays near the size of its text.
 */
export function createAnswerWriter(deps: AnswerWriterDeps): AnswerWriter {
  const { store, conversationId, intervalMs, log } = deps
  const clock = deps.clock ?? systemClock
  let waiting: { message: ChatMessage; flush: boolean } | undefined
  let writing: Promise<void> = Promise.resolve()
  let busy = false
  let lastWriteAt = Number.NEGATIVE_INFINITY
  let cancelTimer: (() => void) | undefined
  let checkpoints = 0
  let compacting: Promise<void> = Promise.resolve()

  const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

  /** Writes what is waiting, one write at a time; resolves once nothing is left or the interval holds it back. */
  function drain(): Promise<void> {
    if (busy) return writing
    busy = true
    writing = (async () => {
      while (waiting && (waiting.flush || clock.now() - lastWriteAt >= intervalMs)) {
        const next = waiting
        waiting = undefined
        lastWriteAt = clock.now()
        if (!next.flush) checkpoints += 1
        try {
          await store.recordAssistantMessage(conversationId, next.message, { flush: next.flush })
        } catch (error) {
          log(`Could not save the answer being written: ${messageOf(error)}`)
        }
      }
      busy = false
      if (waiting) scheduleCheckpoint()
    })()
    return writing
  }

  function scheduleCheckpoint(): void {
    if (cancelTimer || busy) return
    const delay = Math.max(0, lastWriteAt + intervalMs - clock.now())
    cancelTimer = clock.schedule(delay, () => {
      cancelTimer = undefined
      void drain()
    })
  }

  function stopTimer(): void {
    cancelTimer?.()
    cancelTimer = undefined
  }

  return {
    checkpoint(message) {
      waiting = { message, flush: false }
      if (clock.now() - lastWriteAt >= intervalMs) void drain()
      else scheduleCheckpoint()
    },
    async finish(message) {
      stopTimer()
      waiting = { message, flush: true }
      // A write under way finishes first; then the loop takes the final version.
      while (waiting) await drain()
      if (checkpoints === 0) return
      compacting = store.compact(conversationId).catch((error: unknown) => {
        log(`Could not compact the conversation after the answer: ${messageOf(error)}`)
      })
    },
    async settled() {
      await writing
      await compacting
    },
  }
}
