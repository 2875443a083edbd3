import { useEffect, useMemo } from 'react'
import type { ChatMessage } from '../../../shared/domain'
import { useFindStore } from '../stores/find-store'
import { conversationMatches, type FindMatch } from './conversation-find'
import type { FindView } from './find-context'

export interface ConversationFind {
  open: boolean
  count: number
  /** The current hit's place among them, from 0; null without hits. */
  position: number | null
  /** For the message views; stable while the query and the current hit stay the same. */
  view: FindView
}

/** The find applied to the open conversation's messages. */
export function useConversationFind(conversationId: string | null, messages: readonly ChatMessage[]): ConversationFind {
  const open = useFindStore((state) => state.open)
  const query = useFindStore((state) => state.query)
  const index = useFindStore((state) => state.index)
  const restart = useFindStore((state) => state.restart)
  const activeQuery = open ? query : ''

  // biome-ignore lint/correctness/useExhaustiveDependencies: another conversation is the trigger, not an input.
  useEffect(() => restart(), [conversationId, restart])

  const matches = useMemo(() => conversationMatches(messages, activeQuery), [messages, activeQuery])
  const position = matches.length === 0 ? null : Math.min(index, matches.length - 1)
  const current: FindMatch | null = position === null ? null : matches[position]
  const currentKey =
    current &&
    `${current.messageIndex}/${current.messageId}/${current.partIndex}/${current.block}/${current.occurrence}`
  // biome-ignore lint/correctness/useExhaustiveDependencies: the hit's identity, not the object recomputed per delta.
  const view = useMemo(() => ({ query: activeQuery, current }), [activeQuery, currentKey])
  return { open, count: matches.length, position, view }
}
