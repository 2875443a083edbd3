/**
 * Every hit of a find query in a conversation, from its messages rather than from the screen: the message list is
 * virtualised, so most messages are not rendered, and find must still see them all. Searched: the text of user
 * and assistant messages as shown (reasoning summaries and tool output are folded away and left out).
 */
import type { ChatMessage } from '../../../shared/domain'
import { splitMarkdownBlocks } from '../markdown/block-splitter'
import { markdownHitCount, needsParse } from './markdown-find'
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
 * The hits in each block of a text part, in the order they render. What the user typed shows as typed (one block);
 * an answer is markdown, rendered block by block (a pending `$$` block shows as typed).
 */
function hitsPerBlock(text: string, role: ChatMessage['role'], query: string): number[] {
  if (role === 'user') return [findRanges(text, query).length]
  return splitMarkdownBlocks(text).map((block) =>
    block.open && block.text.startsWith('$$')
      ? findRanges(block.text, query).length
      : markdownHitCount(block.text, query),
  )
}

/** The answers' blocks that must be parsed before the query's hits can be counted. */
export function blocksToParse(messages: readonly ChatMessage[], query: string): string[] {
  if (query === '') return []
  return messages.flatMap((message) => {
    if (message.role === 'user' || cache.get(message)?.query === query) return []
    return message.parts.flatMap((part) =>
      part.kind === 'text'
        ? splitMarkdownBlocks(part.text)
            .map((block) => block.text)
            .filter((blockText) => needsParse(blockText, query))
        : [],
    )
  })
}

/** Messages are immutable values, so their hits are kept per message until the query changes. */
const cache = new WeakMap<ChatMessage, { query: string; matches: MessageMatch[] }>()

function matchesInMessage(message: ChatMessage, query: string): MessageMatch[] {
  const cached = cache.get(message)
  if (cached?.query === query) return cached.matches
  const matches: MessageMatch[] = []
  message.parts.forEach((part, partIndex) => {
    if (part.kind !== 'text') return
    hitsPerBlock(part.text, message.role, query).forEach((count, block) => {
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
