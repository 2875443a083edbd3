import { useEffect, useMemo, useState } from 'react'
import type { ChatMessage } from '../../../shared/domain'
import { useFindStore } from '../stores/find-store'
import { blocksToParse, conversationMatches, type FindMatch } from './conversation-find'
import type { FindView } from './find-context'
import { parseWithin } from './markdown-find'

/**
 * How long one render may spend parsing answers for the find. A long conversation's first search parses many of
 * them (about a millisecond each), so it is done a slice at a time with the page answering in between.
 */
const PARSE_SLICE_MS = 12

export interface ConversationFind {
  open: boolean
  /** null while the conversation is still being searched. */
  count: number | null
  /** The current hit's place among them, from 0; null without hits. */
  position: number | null
  /** For the message views; stable while the query and the current hit stay the same. */
  view: FindView
}

/** The messages of the conversation that are not loaded yet, all older than the loaded ones. */
export interface NotLoaded {
  olderCount: number
  /** Loading them failed (the list offers Retry). */
  failed: boolean
  loadAll(): void
}

/**
 * The find applied to the open conversation's messages. Its hits are counted with the very code that marks them, so
 * the find pages every older message in while it is open and counts nothing until they are all there.
 */
export function useConversationFind(
  conversationId: string | null,
  messages: readonly ChatMessage[],
  notLoaded: NotLoaded,
): ConversationFind {
  const open = useFindStore((state) => state.open)
  const query = useFindStore((state) => state.query)
  const index = useFindStore((state) => state.index)
  const restart = useFindStore((state) => state.restart)
  const { olderCount, failed, loadAll } = notLoaded
  const complete = olderCount === 0
  const activeQuery = open && complete ? query : ''

  // biome-ignore lint/correctness/useExhaustiveDependencies: another conversation is a trigger, not an input.
  useEffect(() => {
    if (open && !complete && !failed) loadAll()
  }, [conversationId, open, complete, failed, loadAll])

  // biome-ignore lint/correctness/useExhaustiveDependencies: another conversation is the trigger, not an input.
  useEffect(() => restart(), [conversationId, restart])

  // Bumped to parse the next slice, after the page has had its turn.
  const [slice, setSlice] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: each slice is the trigger to parse the next one.
  const parsed = useMemo(
    () => parseWithin(blocksToParse(messages, activeQuery), PARSE_SLICE_MS),
    [messages, activeQuery, slice],
  )
  // biome-ignore lint/correctness/useExhaustiveDependencies: `parsed` stays false from slice to slice; each slice re-arms.
  useEffect(() => {
    if (parsed) return
    const timer = setTimeout(() => setSlice((count) => count + 1), 0)
    return () => clearTimeout(timer)
  }, [parsed, slice])

  const matches = useMemo(
    () => (parsed && complete ? conversationMatches(messages, activeQuery) : null),
    [parsed, complete, messages, activeQuery],
  )
  const count = matches?.length ?? null
  const position = !matches || matches.length === 0 ? null : Math.min(index, matches.length - 1)
  const current: FindMatch | null = position === null || !matches ? null : matches[position]
  const currentKey =
    current &&
    `${current.messageIndex}/${current.messageId}/${current.partIndex}/${current.block}/${current.occurrence}`
  // biome-ignore lint/correctness/useExhaustiveDependencies: the hit's identity, not the object recomputed per delta.
  const view = useMemo(() => ({ query: activeQuery, current }), [activeQuery, currentKey])
  return { open, count, position, view }
}
