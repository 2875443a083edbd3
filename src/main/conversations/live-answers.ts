import type { ChatEvent, ChatMessage } from '../../shared/domain'
import { type Clock, systemClock } from '../clock'
import { createDeltaCoalescer, DELTA_INTERVAL_MS } from './delta-coalescer'

export interface LiveAnswers {
  /**
   * Sends a chat event out with the conversation's next sequence number. Deltas may be held for a frame and merged
   * with the ones after them; every other event goes out at once, after any delta held before it.
   */
  publish(event: ChatEvent): void
  /** The answer as it stands after the events given to `publish` so far; null once its turn is over. */
  setMessage(conversationId: string, message: ChatMessage | null): void
  /**
   * The stored conversation's newest messages with the answer being written laid over its checkpoint, and the
   * sequence number of the last event that snapshot includes: a renderer applies only the events numbered after it,
   * whichever arrives first. The answer is always the newest message, so any window of the newest ones holds it.
   */
  snapshot<Window extends { id: string; messages: ChatMessage[] }>(conversation: Window): Window & { seq: number }
}

/**
 * The one place that knows the answer being written in each conversation. Its events and its snapshots are numbered
 * from the same counter, so opening a conversation mid-answer does not depend on how a transport orders a reply
 * against the events around it.
 */
export function createLiveAnswers(
  emit: (event: ChatEvent & { seq: number }) => void,
  clock: Clock = systemClock,
): LiveAnswers {
  const sequence = new Map<string, number>()
  const messages = new Map<string, ChatMessage>()
  // Numbered as they leave the coalescer, so a merged delta takes one number and the numbers stay consecutive.
  const deltas = createDeltaCoalescer({
    clock,
    intervalMs: DELTA_INTERVAL_MS,
    publish(event) {
      const seq = (sequence.get(event.conversationId) ?? 0) + 1
      sequence.set(event.conversationId, seq)
      emit({ ...event, seq })
    },
  })

  return {
    publish: deltas.offer,
    setMessage(conversationId, message) {
      if (message) messages.set(conversationId, message)
      else messages.delete(conversationId)
    },
    snapshot(conversation) {
      // The live message already holds the text of deltas still waiting in the coalescer. Sending them out first
      // gives them numbers at or below the snapshot's, so the renderer, which applies only later numbers, gets that
      // text once: from the snapshot. Without this flush it would get it twice (snapshot, then the delta numbered
      // after it). The message is never behind the events: the turn runner updates it with each step it publishes.
      deltas.flush(conversation.id)
      const seq = sequence.get(conversation.id) ?? 0
      const live = messages.get(conversation.id)
      if (!live) return { ...conversation, seq }
      const index = conversation.messages.findIndex((message) => message.id === live.id)
      // Not stored yet when the turn has only just started: it follows the user's message it answers.
      const merged = index >= 0 ? conversation.messages.with(index, live) : [...conversation.messages, live]
      return { ...conversation, messages: merged, seq }
    },
  }
}
