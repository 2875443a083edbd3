import { useMemo } from 'react'
import { useToday } from '../../sidebar/use-today'
import { useChatStore } from '../../stores/chat-store'
import { sortConversations, useConversationsStore } from '../../stores/conversations-store'
import { useUiStore } from '../../stores/ui-store'
import { GearIcon, PlusIcon } from '../common/icons'
import { ConversationList } from './ConversationList'
import { ConversationSearch } from './ConversationSearch'
import { ImportButton } from './ImportButton'
import { SearchResults } from './SearchResults'

export function Sidebar() {
  const summaries = useConversationsStore((state) => state.summaries)
  const activeId = useConversationsStore((state) => state.activeId)
  const searchHits = useConversationsStore((state) => state.searchHits)
  const searchQuery = useConversationsStore((state) => state.searchQuery)
  const searchEpoch = useConversationsStore((state) => state.searchEpoch)
  const startNew = useChatStore((state) => state.startNew)
  const openSettings = useUiStore((state) => state.openSettings)
  const sorted = useMemo(() => sortConversations(summaries), [summaries])
  const today = useToday()

  return (
    <aside className="sidebar">
      <button type="button" className="primary-button new-chat" onClick={startNew}>
        <PlusIcon />
        New chat
      </button>
      <ConversationSearch key={searchEpoch} />
      {/* Results take the list's place, in the same scrolling area: nothing else in the window moves. */}
      {searchHits ? (
        <SearchResults hits={searchHits} query={searchQuery} />
      ) : (
        <ConversationList conversations={sorted} activeId={activeId} now={today} />
      )}
      <div className="sidebar-footer">
        <ImportButton />
        <button type="button" className="secondary-button" onClick={openSettings}>
          <GearIcon />
          Settings
        </button>
      </div>
    </aside>
  )
}
