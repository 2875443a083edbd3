import type { ChatEvent, ChatMessage, Conversation, ConversationSnapshot } from '../../shared/domain'

export interface LiveAnswers {
  /** Sends a chat event out with the conversation's next sequence number. */
  publish(event: ChatEvent): void
  /** The answer as it stands after the events published so far; null once its turn is over. */
  setMessage(conversationId: string, message: ChatMessage | null): void
  /**
   * The stored conversation with the answer being written laid over its checkpoint, and the sequence number of the
   * last event that snapshot includes: a renderer applies only the events numbered after it, whichever arrives first.
   */
  snapshot(conversation: Conversation): ConversationSnapshot
}

/**
 * The one place that knows the answer being written in each conversation. Its events and its snapshots are numbered
 * from the same counter, so opening a conversation mid-answer does not depend on how a transport orders a reply
 * against the events around it.
 */
export function createLiveAnswers(emit: (event: ChatEvent & { seq: number }) => void): LiveAnswers {
  const sequence = new Map<string, number>()
  const messages = new Map<string, ChatMessage>()

  return {
    publish(event) {
      const seq = (sequence.get(event.conversationId) ?? 0) + 1
      sequence.set(event.conversationId, seq)
      emit({ ...event, seq })
    },
    setMessage(conversationId, message) {
      if (message) messages.set(conversationId, message)
      else messages.delete(conversationId)
    },
    snapshot(conversation) {
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
