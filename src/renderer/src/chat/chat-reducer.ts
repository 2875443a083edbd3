/**
 * Folds the `chat:event`s of the open conversation into its messages. Pure: the same thread and event always give
 * the same result, and only the message and part an event touches get new identities, so memoized components of
 * everything else skip re-rendering.
 */
import type {
  ChatEvent,
  ChatMessage,
  Compaction,
  ContextUse,
  ConversationNote,
  ConversationPage,
  MessagePart,
  RetryNotice,
} from '../../../shared/domain'

/** A retry in progress for one of the thread's messages, shown as a countdown until `retryAt`. */
export type ThreadRetry = RetryNotice & { messageId: string }

export interface ChatThread {
  conversationId: string
  messages: ChatMessage[]
  /** Summaries that stand in for older messages in requests; each shows as a note after its last message. */
  compactions: Compaction[]
  /** Shown among the messages, each after the message it names. */
  notes: ConversationNote[]
  retry: ThreadRetry | null
  /** How many messages come before `messages[0]` that are not loaded yet (`conversations:page` brings them). */
  olderCount: number
  /** Until a loaded message reports its context use: the newest not-loaded one's, for the context meter. */
  olderContext: ContextUse | null
}

export function emptyThread(
  conversationId: string,
  messages: ChatMessage[] = [],
  compactions: Compaction[] = [],
  notes: ConversationNote[] = [],
): ChatThread {
  return { conversationId, messages, compactions, notes, retry: null, olderCount: 0, olderContext: null }
}

/**
 * A page of older messages joins the thread in front, if they are still the ones just before its first message
 * (`before`): another conversation opened meanwhile, or an edit replaced that message, and the page no longer fits.
 */
export function prependOlder(thread: ChatThread, before: string, page: ConversationPage): ChatThread {
  if (thread.messages[0]?.id !== before) return thread
  return { ...thread, messages: [...page.messages, ...thread.messages], olderCount: page.olderCount }
}

function sameNote(a: ConversationNote, b: ConversationNote): boolean {
  return a.kind === b.kind && a.at === b.at && a.from === b.from && a.to === b.to
}

function updateMessage(
  thread: ChatThread,
  messageId: string,
  update: (message: ChatMessage) => ChatMessage,
): ChatThread {
  const index = thread.messages.findIndex((message) => message.id === messageId)
  if (index < 0) return thread
  const messages = thread.messages.slice()
  messages[index] = update(messages[index])
  // Output arriving again means a retry succeeded.
  return { ...thread, messages, retry: null }
}

function updatePart(message: ChatMessage, partIndex: number, update: (part: MessagePart | undefined) => MessagePart) {
  const parts = message.parts.slice()
  parts[partIndex] = update(parts[partIndex])
  // A part index beyond the end leaves holes in the array; fill them so every entry is a part.
  for (let i = 0; i < parts.length; i++) parts[i] ??= { kind: 'text', text: '' }
  return { ...message, parts }
}

function withTextDelta(part: MessagePart | undefined, delta: string): MessagePart {
  if (part?.kind === 'text') return { ...part, text: part.text + delta }
  return { kind: 'text', text: delta }
}

function withReasoningDelta(part: MessagePart | undefined, summaryIndex: number, delta: string): MessagePart {
  const base = part?.kind === 'reasoning' ? part : { kind: 'reasoning' as const, summary: [] }
  const summary = base.summary.slice()
  for (let i = summary.length; i <= summaryIndex; i++) summary[i] = ''
  summary[summaryIndex] += delta
  return { ...base, summary }
}

/** A new turn: an edit replaces its user message and everything after it; a regenerate or retry replaces the answer. */
function startTurn(thread: ChatThread, event: Extract<ChatEvent, { type: 'turn-started' }>): ChatThread {
  let messages = thread.messages
  if (event.userMessage) {
    const userId = event.userMessage.id
    const existing = messages.findIndex((message) => message.id === userId)
    messages = [...(existing >= 0 ? messages.slice(0, existing) : messages), event.userMessage]
  } else {
    let end = messages.length
    while (end > 0 && messages[end - 1].role === 'assistant') end--
    messages = messages.slice(0, end)
  }
  // The conversation may have been loaded after main had already stored this turn's answer: that copy is newer.
  const loaded = thread.messages.find((message) => message.id === event.assistantMessage.id)
  const withoutAnswer = messages.filter((message) => message.id !== event.assistantMessage.id)
  // An edit drops messages, and a summary of dropped messages goes with them (as it does on disk).
  const kept = new Set(withoutAnswer.map((message) => message.id))
  const compactions = thread.compactions.filter((compaction) => kept.has(compaction.throughMessageId))
  return { ...thread, messages: [...withoutAnswer, loaded ?? event.assistantMessage], compactions, retry: null }
}

export function chatReducer(thread: ChatThread, event: ChatEvent): ChatThread {
  if (event.conversationId !== thread.conversationId) return thread
  switch (event.type) {
    case 'turn-started':
      return startTurn(thread, event)
    case 'part-added':
      // Parts are only ever appended; one already there came with a conversation loaded after it was added, and
      // holds what streamed into it since.
      return updateMessage(thread, event.messageId, (message) =>
        message.parts[event.partIndex] ? message : updatePart(message, event.partIndex, () => event.part),
      )
    case 'parts-reset':
      // The re-sent request's first output: the broken attempt's partial answer goes, earlier tool rounds stay.
      return updateMessage(thread, event.messageId, (message) => ({ ...message, parts: event.parts }))
    case 'part-updated':
      return updateMessage(thread, event.messageId, (message) => updatePart(message, event.partIndex, () => event.part))
    case 'text-delta':
      return updateMessage(thread, event.messageId, (message) =>
        updatePart(message, event.partIndex, (part) => withTextDelta(part, event.delta)),
      )
    case 'reasoning-delta':
      return updateMessage(thread, event.messageId, (message) =>
        updatePart(message, event.partIndex, (part) => withReasoningDelta(part, event.summaryIndex, event.delta)),
      )
    case 'retrying': {
      const { type: _type, conversationId: _conversationId, ...retry } = event
      return { ...thread, retry }
    }
    case 'compacted':
      // A conversation loaded after the summary was stored has it already.
      if (thread.compactions.some((compaction) => compaction.id === event.compaction.id)) return thread
      // The summary is done, so a retry announced while it was being written is over.
      return { ...thread, compactions: [...thread.compactions, event.compaction], retry: null }
    case 'note-added':
      // A conversation loaded after the note was stored already has it.
      if (thread.notes.some((note) => sameNote(note, event.note))) return thread
      return { ...thread, notes: [...thread.notes, event.note] }
    case 'turn-finished': {
      const index = thread.messages.findIndex((message) => message.id === event.message.id)
      const messages = index >= 0 ? thread.messages.with(index, event.message) : [...thread.messages, event.message]
      return { ...thread, messages, retry: null }
    }
  }
}

/** Deltas are the high-frequency events worth coalescing per frame. */
export function isDeltaEvent(event: ChatEvent): boolean {
  return event.type === 'text-delta' || event.type === 'reasoning-delta'
}
