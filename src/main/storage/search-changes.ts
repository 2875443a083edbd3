import type { ReadonlyConversation, ReadonlyMessage } from '../../shared/domain'
import { LruCache } from '../../shared/lru-cache'
import type { FileStamp } from './durable-files'
import { wholeConversation } from './search-documents'
import type { ConversationChanges } from './search-protocol'
import { messageText } from './text'

interface Sent {
  title: string
  /** The message objects last posted: messages are frozen and replaced when they change, so identity says "same". */
  messages: Map<string, ReadonlyMessage>
}

export interface SearchChanges {
  /** What to post for the conversation as it is now: all of it the first time, then only what differs. */
  changesOf(conversation: ReadonlyConversation, stamp: FileStamp): ConversationChanges
  /** The worker's copy of it comes from elsewhere now (its file, or nowhere): the next post is whole. */
  forget(id: string): void
  forgetAll(): void
}

/**
 * Remembers, for the few conversations written lately, which message objects the search worker has: a streaming
 * answer's checkpoint then posts one message, not a 10,000-message conversation. Only references to messages the
 * store holds anyway (its cached bodies) and a few conversations' worth of them, not a second copy of every text.
 */
export function trackSearchChanges(capacity: number): SearchChanges {
  let sent = new LruCache<string, Sent>(capacity)
  return {
    changesOf(conversation, stamp) {
      const previous = sent.get(conversation.id)
      const messages = new Map(conversation.messages.map((message) => [message.id, message]))
      sent.set(conversation.id, { title: conversation.title, messages })
      if (!previous) return wholeConversation(conversation, stamp)
      const changed: Array<[string, string]> = []
      for (const message of conversation.messages) {
        if (previous.messages.get(message.id) !== message) changed.push([message.id, messageText(message)])
      }
      return {
        id: conversation.id,
        stamp,
        full: false,
        ...(previous.title !== conversation.title ? { title: conversation.title } : {}),
        messages: changed,
        removedMessageIds: [...previous.messages.keys()].filter((id) => !messages.has(id)),
      }
    },
    forget(id) {
      sent.delete(id)
    },
    forgetAll() {
      sent = new LruCache<string, Sent>(capacity)
    },
  }
}
