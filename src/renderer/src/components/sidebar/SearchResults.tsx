import type { SearchHit } from '../../../../shared/domain'
import { useChatStore } from '../../stores/chat-store'
import { useConversationsStore } from '../../stores/conversations-store'
import { queryWords } from '../../text/query-words'

/** `text` with every occurrence of the query's words marked, case-insensitively. */
function Highlighted({ text, words }: { text: string; words: string[] }) {
  if (words.length === 0) return <>{text}</>
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const pieces = text.split(new RegExp(`(${escaped.join('|')})`, 'gi'))
  // Keyed by where each piece starts in the text, which no re-render changes.
  let offset = 0
  const keyed = pieces.map((piece, index) => {
    // Odd pieces are the matches the split captured.
    const entry = { piece, start: offset, isMatch: index % 2 === 1 }
    offset += piece.length
    return entry
  })
  return (
    <>
      {keyed
        // A match at either end leaves an empty piece beside it, which would share the match's start as its key.
        .filter(({ piece }) => piece !== '')
        .map(({ piece, start, isMatch }) =>
          isMatch ? <mark key={start}>{piece}</mark> : <span key={start}>{piece}</span>,
        )}
    </>
  )
}

/**
 * The conversations that match the search, in the list's place: how many, then each with the words found in its
 * context. Opening one ends the search.
 */
export function SearchResults({ hits, query }: { hits: SearchHit[]; query: string }) {
  const open = useChatStore((state) => state.open)
  const clearSearch = useConversationsStore((state) => state.clearSearch)
  const words = queryWords(query)
  return (
    <nav aria-label="Search" className="conversation-nav">
      <p role="status" className="muted sidebar-note">
        {hits.length === 0
          ? 'No matches.'
          : hits.length === 1
            ? '1 conversation matches'
            : `${hits.length} conversations match`}
      </p>
      {hits.length > 0 && (
        <ul className="search-results" aria-label="Search results">
          {hits.map((hit) => (
            <li key={hit.conversation.id}>
              <button
                type="button"
                className="search-hit"
                onClick={() => {
                  clearSearch()
                  void open(hit.conversation.id)
                }}
              >
                <span className="conversation-title">
                  <Highlighted text={hit.conversation.title} words={words} />
                </span>
                <span className="search-snippet">
                  <Highlighted text={hit.snippet} words={words} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  )
}
