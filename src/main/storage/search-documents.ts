import type { ReadonlyConversation } from '../../shared/domain'
import type { FileStamp } from './durable-files'
import type { ConversationChanges } from './search-protocol'
import { collapseWhitespace, messageText } from './text'

/**
 * One searchable document per message and one for the title, so all the words of a query must be in the same
 * message (or the title), as when search matched within one line, and a growing answer re-indexes only itself.
 */
export interface SearchDocument {
  /** `<conversation id>` for the title, `<conversation id>:<message id>` for a message. */
  id: string
  text: string
}

/** Conversation ids never contain ':' (see isConversationId), so the part before it names the conversation. */
export function conversationIdOf(documentId: string): string {
  const colon = documentId.indexOf(':')
  return colon < 0 ? documentId : documentId.slice(0, colon)
}

/** Everything search takes in of a conversation, to replace whatever the index held of it. */
export function wholeConversation(conversation: ReadonlyConversation, stamp: FileStamp): ConversationChanges {
  return {
    id: conversation.id,
    stamp,
    full: true,
    title: conversation.title,
    messages: conversation.messages.map((message) => [message.id, messageText(message)]),
    removedMessageIds: [],
  }
}

// Chinese and Japanese are written without spaces: each character is a word, so a query can match inside a sentence.
const UNSPACED = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`
const WORD = new RegExp(String.raw`[${UNSPACED}]|[^\s\p{Z}\p{P}\p{S}${UNSPACED}]+`, 'gu')
const UNSPACED_CHARACTER = new RegExp(`^[${UNSPACED}]$`, 'u')

/** The words of a text or a query, as the index and the query both split them. */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? []
}

const SNIPPET_BEFORE = 40
const SNIPPET_AFTER = 80

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Where the first word starting with one of the query's words is, or the text's start if none is found. */
function firstMatch(text: string, queryWords: readonly string[]): { at: number; end: number } {
  const alternatives = queryWords.map((word) =>
    UNSPACED_CHARACTER.test(word) ? escapeRegExp(word) : String.raw`(?<![\p{L}\p{N}])${escapeRegExp(word)}`,
  )
  const match = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'iu').exec(text) : null
  return match ? { at: match.index, end: match.index + match[0].length } : { at: 0, end: 0 }
}

/** The document's text around its first match of the query, on one line, cut at word boundaries with "…". */
export function snippetOf(documentText: string, queryWords: readonly string[]): string {
  const text = collapseWhitespace(documentText)
  const { at, end: matchEnd } = firstMatch(text, queryWords)
  let start = Math.max(0, at - SNIPPET_BEFORE)
  let end = Math.min(text.length, matchEnd + SNIPPET_AFTER)
  if (start > 0) {
    const space = text.indexOf(' ', start)
    if (space >= 0 && space < at) start = space + 1
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end)
    if (space > matchEnd) end = space
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
}
