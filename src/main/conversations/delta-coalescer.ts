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
  /**
   * Sends a delta at once when the conversation sent none within the interval, else holds it to merge with the ones
   * that follow; any other event goes out at once, after what was held.
   */
  offer(event: ChatEvent): void
  /** Sends out what is held for the conversation now (before a snapshot of it is taken). */
  flush(conversationId: string): void
}

/** A conversation that sent a delta less than an interval ago, and the delta it holds until the interval is over. */
interface Window {
  held: Delta | null
}

/**
 * Merges a streaming answer's deltas into at most one event per interval per conversation: a fast model sends
 * hundreds of deltas a second, and each one crossing IPC or the WebSocket costs the renderer a message and a state
 * update. The first delta after a quiet interval goes out at once, so the answer starts on screen as soon as it
 * arrives; the ones after it wait for the end of the interval. Events of a conversation still go out in the order
 * they happened: at most one delta is held per conversation, and anything else of that conversation (another part's
 * delta included) sends it out first.
 */
export function createDeltaCoalescer(options: {
  clock: Clock
  intervalMs: number
  publish(event: ChatEvent): void
}): DeltaCoalescer {
  const windows = new Map<string, Window>()

  function open(conversationId: string) {
    const window: Window = { held: null }
    windows.set(conversationId, window)
    options.clock.schedule(options.intervalMs, () => {
      windows.delete(conversationId)
      if (!window.held) return
      options.publish(window.held)
      open(conversationId)
    })
  }

  function flush(conversationId: string) {
    const window = windows.get(conversationId)
    if (!window?.held) return
    const { held } = window
    window.held = null
    options.publish(held)
  }

  return {
    offer(event) {
      const window = windows.get(event.conversationId)
      if (window?.held && isDelta(event) && continues(window.held, event)) {
        window.held = { ...window.held, delta: window.held.delta + event.delta }
        return
      }
      flush(event.conversationId)
      if (!isDelta(event)) {
        options.publish(event)
        return
      }
      if (window) {
        window.held = event
        return
      }
      options.publish(event)
      open(event.conversationId)
    },
    flush,
  }
}
