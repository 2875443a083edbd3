/** What the message views need to know of the find: the query to mark, and which hit is the current one. */
import { createContext, useContext } from 'react'
import type { FindMatch } from './conversation-find'

export interface FindView {
  /** Empty while the find bar is closed. */
  query: string
  current: FindMatch | null
}

export const FindContext = createContext<FindView>({ query: '', current: null })

/** The find as one text part sees it: the query, and the block and occurrence of the current hit if it is here. */
export interface PartFind {
  query: string
  current: { block: number; occurrence: number } | null
}

export function usePartFind(messageId: string, partIndex: number): PartFind {
  const { query, current } = useContext(FindContext)
  const here = current?.messageId === messageId && current.partIndex === partIndex
  return { query, current: here ? { block: current.block, occurrence: current.occurrence } : null }
}
