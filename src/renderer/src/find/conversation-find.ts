/**
 * Every hit of a find query in a conversation, from its messages rather than from the screen: the message list is
 * virtualised, so most messages are not rendered, and find must still see them all. Searched: the text of user
 * and assistant messages as shown (reasoning summaries and tool output are folded away and left out).
 */
import type { ChatMessage } from '../../../shared/domain'
import { splitMarkdownBlocks } from '../markdown/block-splitter'
import { markdownSegments } from './markdown-find'
import { findRanges } from './text-ranges'

/** One hit: the `occurrence`-th (from 0) in block `block` of the message's part `partIndex`. */
export interface FindMatch {
  messageId: string
  messageIndex: number
  partIndex: number
  block: number
  occurrence: number
}

type MessageMatch = Omit<FindMatch, 'messageIndex'>

/**
 * The text segments of each block of a text part, in the order they render. What the user typed shows as typed (one
 * block, one segment); an answer is markdown, rendered block by block (a pending `$$` block shows as typed).
 */
function partBlocks(text: string, role: ChatMessage['role']): string[][] {
  if (role === 'user') return [[text]]
  return splitMarkdownBlocks(text).map((block) =>
    block.open && block.text.startsWith('$$') ? [block.text] : markdownSegments(block.text),
  )
}

/** Messages are immutable values, so their hits are kept per message until the query changes. */
const cache = new WeakMap<ChatMessage, { query: string; matches: MessageMatch[] }>()

function matchesInMessage(message: ChatMessage, query: string): MessageMatch[] {
  const cached = cache.get(message)
  if (cached?.query === query) return cached.matches
  const matches: MessageMatch[] = []
  message.parts.forEach((part, partIndex) => {
    if (part.kind !== 'text') return
    partBlocks(part.text, message.role).forEach((segments, block) => {
      const count = segments.reduce((sum, segment) => sum + findRanges(segment, query).length, 0)
      for (let occurrence = 0; occurrence < count; occurrence++)
        matches.push({ messageId: message.id, partIndex, block, occurrence })
    })
  })
  cache.set(message, { query, matches })
  return matches
}

export function conversationMatches(messages: readonly ChatMessage[], query: string): FindMatch[] {
  if (query === '') return []
  return messages.flatMap((message, messageIndex) =>
    matchesInMessage(message, query).map((match) => ({ ...match, messageIndex })),
  )
}
