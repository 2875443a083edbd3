import type { ChatEvent } from '../../shared/domain'
import type { Clock } from '../clock'

/** About one display frame: the renderer paints no more often, so merging deltas within it loses nothing visible. */
export const DELTA_INTERVAL_MS = 16

type Delta = Extract<ChatEvent, { type: 'text-delta' | 'reasoning-delta' }>

function isDelta(event: ChatEvent): event is Delta {
  return event.type === 'text-delta' || event.type === 'reasoning-delta'
}

/** Two deltas merge only when they grow the same text: same kind, message, part and (for reasoning) summary. */
function continues(pending: Delta, next: Delta): boolean {
  if (pending.type === 'reasoning-delta' && next.type === 'reasoning-delta') {
    return (
      pending.messageId === next.messageId &&
      pending.partIndex === next.partIndex &&
      pending.summaryIndex === next.summaryIndex
    )
  }
  return (
    pending.type === 'text-delta' &&
    next.type === 'text-delta' &&
    pending.messageId === next.messageId &&
    pending.partIndex === next.partIndex
  )
}

export interface DeltaCoalescer {
  /** Holds a delta to merge with the ones that follow it; any other event goes out at once, after what was held. */
  offer(event: ChatEvent): void
  /** Sends out what is held for the conversation now (before a snapshot of it is taken). */
  flush(conversationId: string): void
}

/**
 * Merges a streaming answer's deltas into at most one event per interval per conversation: a fast model sends
 * hundreds of deltas a second, and each one crossing IPC or the WebSocket costs the renderer a message and a state
 * update. Events of a conversation still go out in the order they happened: at most one delta is held per
 * conversation, and anything else of that conversation (another part's delta included) sends it out first.
 */
export function createDeltaCoalescer(options: {
  clock: Clock
  intervalMs: number
  publish(event: ChatEvent): void
}): DeltaCoalescer {
  const held = new Map<string, { delta: Delta; cancel: () => void }>()

  function flush(conversationId: string) {
    const entry = held.get(conversationId)
    if (!entry) return
    held.delete(conversationId)
    entry.cancel()
    options.publish(entry.delta)
  }

  return {
    offer(event) {
      const entry = held.get(event.conversationId)
      if (entry && isDelta(event) && continues(entry.delta, event)) {
        entry.delta = { ...entry.delta, delta: entry.delta.delta + event.delta }
        return
      }
      flush(event.conversationId)
      if (!isDelta(event)) {
        options.publish(event)
        return
      }
      const cancel = options.clock.schedule(options.intervalMs, () => flush(event.conversationId))
      held.set(event.conversationId, { delta: event, cancel })
    },
    flush,
  }
}
