/**
 * The sidebar's conversations, virtualised: only the rows near the viewport are mounted, so 10,000 conversations
 * paint as fast as ten. The list is one Tab stop (roving tabindex): arrow keys, Home, End, Page Up and Page Down
 * move between entries, Enter opens one, and Tab from the focused entry reaches its Rename, Pin and Delete.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import type { ConversationSummary } from '../../../../shared/domain'
import { ConversationItem } from './ConversationItem'

/** Every entry is one line of the same height (the height of `.conversation-item` in app.css), so rows are placed, not measured. */
const ROW_PX = 36
/** Rows mounted beyond each edge of the viewport, so a quick scroll does not show gaps. */
const OVERSCAN_ROWS = 10
const PAGE_ROWS = 10

interface ConversationListProps {
  conversations: readonly ConversationSummary[]
  activeId: string | null
}

/** Where a key moves the focus from `index` in a list of `count`; null for keys the list does not handle. */
export function nextRowIndex(key: string, index: number, count: number): number | null {
  const last = count - 1
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, last)
    case 'ArrowUp':
      return Math.max(index - 1, 0)
    case 'PageDown':
      return Math.min(index + PAGE_ROWS, last)
    case 'PageUp':
      return Math.max(index - PAGE_ROWS, 0)
    case 'Home':
      return 0
    case 'End':
      return last
    default:
      return null
  }
}

export function ConversationList({ conversations, activeId }: ConversationListProps) {
  const scrollRef = useRef<HTMLElement>(null)
  const listRef = useRef<HTMLUListElement>(null)
  const [focusedId, setFocusedId] = useState<string | null>(null)
  /** Set by a key press: the entry to focus once it is mounted (it may have been scrolled into view first). */
  const pendingFocus = useRef<string | null>(null)
  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    getItemKey: (index) => conversations[index].id,
    overscan: OVERSCAN_ROWS,
  })
  const rows = virtualizer.getVirtualItems()

  // The one entry Tab reaches: the last focused, else the open conversation, else the first mounted.
  const mountedIds = rows.map((row) => conversations[row.index].id)
  const tabbableId = [focusedId, activeId].find((id) => id !== null && mountedIds.includes(id)) ?? mountedIds[0] ?? null

  useEffect(() => {
    const id = pendingFocus.current
    if (id === null || !mountedIds.includes(id)) return
    pendingFocus.current = null
    listRef.current
      ?.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(id)}"] .conversation-open`)
      ?.focus()
  })

  function handleKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    // Keys typed into the rename field or pressed on an action button are theirs.
    if (!(event.target instanceof HTMLElement) || !event.target.classList.contains('conversation-open')) return
    const current = conversations.findIndex((conversation) => conversation.id === focusedId)
    const next = nextRowIndex(event.key, Math.max(current, 0), conversations.length)
    if (next === null) return
    event.preventDefault()
    const id = conversations[next].id
    pendingFocus.current = id
    setFocusedId(id)
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  return (
    <nav ref={scrollRef} aria-label="Conversations" className="conversation-nav">
      {conversations.length === 0 ? (
        <p className="muted sidebar-note">No conversations yet.</p>
      ) : (
        <ul
          ref={listRef}
          className="conversation-list"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={handleKeyDown}
          onFocus={(event) => {
            const id = event.target.closest<HTMLElement>('[data-conversation-id]')?.dataset.conversationId
            if (id) setFocusedId(id)
          }}
        >
          {rows.map((row) => {
            const conversation = conversations[row.index]
            return (
              <ConversationItem
                key={row.key}
                index={row.index}
                setSize={conversations.length}
                offset={row.start}
                conversation={conversation}
                active={conversation.id === activeId}
                busy={conversation.busy ?? false}
                tabbable={conversation.id === tabbableId}
              />
            )
          })}
        </ul>
      )}
    </nav>
  )
}
