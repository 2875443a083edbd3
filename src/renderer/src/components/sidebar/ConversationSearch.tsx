import { useEffect, useState } from 'react'
import { useConversationsStore } from '../../stores/conversations-store'

const SEARCH_DEBOUNCE_MS = 250

/** Searches message text in main (not just titles), a short while after the user stops typing. */
export function ConversationSearch() {
  const [query, setQuery] = useState('')
  const search = useConversationsStore((state) => state.search)

  useEffect(() => {
    const timer = setTimeout(() => void search(query), query === '' ? 0 : SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [query, search])

  return (
    <input
      type="search"
      className="conversation-search"
      aria-label="Search conversations"
      placeholder="Search"
      value={query}
      onChange={(event) => setQuery(event.target.value)}
    />
  )
}
