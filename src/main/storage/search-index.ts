import type { Conversation, ConversationSummary, SearchHit } from '../../shared/domain'
import { mapWithLimit } from './concurrency'
import { collapseWhitespace, messageText } from './text'

/** The sidebar shows a list, not an archive dump; a broader query than this is refined by typing more. */
export const MAX_SEARCH_HITS = 200
const SNIPPET_BEFORE = 40
const SNIPPET_AFTER = 80
const LOAD_CONCURRENCY = 16

interface SearchText {
  /** One line per message, whitespace collapsed, so a query never matches across two messages. */
  text: string
  lower: string
}

export function searchTextOf(conversation: Conversation): string {
  const lines: string[] = []
  for (const message of conversation.messages) {
    const line = collapseWhitespace(messageText(message))
    if (line) lines.push(line)
  }
  return lines.join('\n')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function snippetAround(text: string, lower: string, needle: string): string | undefined {
  let at = lower.indexOf(needle)
  if (at < 0) return undefined
  // Lower-casing changed some characters' length, so the offset in `lower` is not one in `text`.
  if (lower.length !== text.length) at = Math.max(0, text.search(new RegExp(escapeRegExp(needle), 'iu')))
  const lineStart = text.lastIndexOf('\n', at) + 1
  const lineEndAt = text.indexOf('\n', at)
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt
  let start = Math.max(lineStart, at - SNIPPET_BEFORE)
  let end = Math.min(lineEnd, at + needle.length + SNIPPET_AFTER)
  if (start > lineStart) {
    const space = text.indexOf(' ', start)
    if (space >= 0 && space < at) start = space + 1
  }
  if (end < lineEnd) {
    const space = text.lastIndexOf(' ', end)
    if (space > at + needle.length) end = space
  }
  return `${start > lineStart ? '…' : ''}${text.slice(start, end)}${end < lineEnd ? '…' : ''}`
}

export interface SearchIndex {
  /** Case-insensitive over titles and message text, in the order of `summaries`. */
  search(query: string, summaries: readonly ConversationSummary[]): Promise<SearchHit[]>
  /** Forgets a conversation's text after it changed; it is read again by the next search. */
  invalidate(id: string): void
}

/**
 * Keeps each conversation's searchable text in memory, read on the first search that needs it: the first search
 * reads the bodies once, later ones only scan memory.
 */
export function createSearchIndex(loadText: (id: string) => Promise<string | undefined>): SearchIndex {
  const texts = new Map<string, SearchText>()
  // Bumped on every change, so a read that raced a change does not cache the old text.
  const generations = new Map<string, number>()

  async function ensureLoaded(summaries: readonly ConversationSummary[]): Promise<void> {
    const missing = summaries.filter((summary) => !texts.has(summary.id))
    await mapWithLimit(missing, LOAD_CONCURRENCY, async ({ id }) => {
      const generation = generations.get(id) ?? 0
      const text = await loadText(id)
      if (text !== undefined && (generations.get(id) ?? 0) === generation) {
        texts.set(id, { text, lower: text.toLowerCase() })
      }
    })
  }

  return {
    async search(query, summaries) {
      const needle = collapseWhitespace(query).toLowerCase()
      if (!needle) return []
      await ensureLoaded(summaries)
      const hits: SearchHit[] = []
      for (const conversation of summaries) {
        const cached = texts.get(conversation.id)
        const snippet = cached && snippetAround(cached.text, cached.lower, needle)
        if (snippet) hits.push({ conversation, snippet })
        else if (conversation.title.toLowerCase().includes(needle))
          hits.push({ conversation, snippet: conversation.title })
        if (hits.length >= MAX_SEARCH_HITS) break
      }
      return hits
    },
    invalidate(id) {
      texts.delete(id)
      generations.set(id, (generations.get(id) ?? 0) + 1)
    },
  }
}
