/**
 * The sidebar's conversations in date sections, virtualised: only the rows near the viewport are mounted, so 10,000
 * conversations paint as fast as ten. The list is one Tab stop (roving tabindex): arrow keys, Home, End, Page Up and
 * Page Down move between entries (the section headers are passed over), Enter opens one, and Tab from the focused
 * entry reaches its Rename, Pin and Delete.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react'
import type { SidebarEntry } from '../../../../shared/domain'
import { withDateGroups } from '../../sidebar/date-groups'
import { ConversationItem } from './ConversationItem'

/**
 * Every entry is one line of the same height, and so is every header (`.conversation-item` and `.conversation-group`
 * in app.css), so rows are placed, not measured.
 */
const ROW_PX = 36
const GROUP_PX = 30
/** Rows mounted beyond each edge of the viewport, so a quick scroll does not show gaps. */
const OVERSCAN_ROWS = 10
const PAGE_ROWS = 10

interface ConversationListProps {
  /** Pinned first, then newest first. */
  conversations: readonly SidebarEntry[]
  activeId: string | null
  /** What "Today" is. */
  now: number
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

export function ConversationList({ conversations, activeId, now }: ConversationListProps) {
  const scrollRef = useRef<HTMLElement>(null)
  const listRef = useRef<HTMLUListElement>(null)
  const [focusedId, setFocusedId] = useState<string | null>(null)
  /** Set by a key press: the entry to focus once it is mounted (it may have been scrolled into view first). */
  const pendingFocus = useRef<string | null>(null)
  const rows = useMemo(() => withDateGroups(conversations, now), [conversations, now])
  const rowIndexById = useMemo(
    () => new Map(rows.flatMap((row, index) => (row.kind === 'conversation' ? [[row.conversation.id, index]] : []))),
    [rows],
  )
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index].kind === 'group' ? GROUP_PX : ROW_PX),
    getItemKey: (index) => {
      const row = rows[index]
      return row.kind === 'group' ? `group-${row.label}` : row.conversation.id
    },
    overscan: OVERSCAN_ROWS,
  })
  const mounted = virtualizer.getVirtualItems()

  // The one entry Tab reaches: the last focused, else the open conversation, else the first mounted.
  const mountedIds = mounted.flatMap((item) => {
    const row = rows[item.index]
    return row.kind === 'conversation' ? [row.conversation.id] : []
  })
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
    const rowIndex = rowIndexById.get(id) ?? 0
    // Going up to the first entry of a section shows its header too.
    const headerAbove = next < current && rows[rowIndex - 1]?.kind === 'group'
    virtualizer.scrollToIndex(headerAbove ? rowIndex - 1 : rowIndex, { align: 'auto' })
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
          {mounted.map((item) => {
            const row = rows[item.index]
            if (row.kind === 'group')
              return (
                // Not an entry: its own role is dropped, so the entries' positions ("3 of 10") count conversations.
                <li
                  key={item.key}
                  role="presentation"
                  className="conversation-group"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <h2 data-testid="conversation-group">{row.label}</h2>
                </li>
              )
            const conversation = row.conversation
            return (
              <ConversationItem
                key={item.key}
                index={row.position}
                setSize={conversations.length}
                offset={item.start}
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
