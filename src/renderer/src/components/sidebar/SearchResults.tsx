import type { SearchHit } from '../../../../shared/domain'
import { useChatStore } from '../../stores/chat-store'

/** Matches of the search, each opening its conversation. */
export function SearchResults({ hits }: { hits: SearchHit[] }) {
  const open = useChatStore((state) => state.open)
  if (hits.length === 0) return <p className="muted sidebar-note">No matches.</p>
  return (
    <ul className="search-results" aria-label="Search results">
      {hits.map((hit) => (
        <li key={hit.conversation.id}>
          <button type="button" className="search-hit" onClick={() => void open(hit.conversation.id)}>
            <span className="conversation-title">{hit.conversation.title}</span>
            <span className="search-snippet">{hit.snippet}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
