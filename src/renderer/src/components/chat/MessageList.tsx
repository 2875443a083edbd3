/**
 * The conversation's messages, virtualised so long threads stay fast: only rows near the viewport are mounted and
 * each row is measured as it renders. The list sticks to the bottom while a reply streams, unless the user has
 * scrolled up to read; it scrolls to the find's current hit wherever it is. A long conversation opens with its
 * newest messages only: older ones are paged in as the user nears the top, and the rows in view stay where they
 * are when they arrive above them.
 *
 * Following the answer is the virtualiser's end anchoring: it measures rows with a ResizeObserver, after the
 * browser's layout, and scrolls by the growth when it was within STICKY_DISTANCE_PX of the end, from the scroll
 * offset it keeps from scroll events. Nothing here reads layout on a streamed update: doing so forced a layout per
 * update, the costliest script of a long answer (bench/browser/streaming.ts).
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef } from 'react'
import type { ChatMessage, Compaction, ConversationNote } from '../../../../shared/domain'
import type { FindMatch } from '../../find/conversation-find'
import type { OlderMessages } from '../../stores/chat-store'
import { CompactionNote } from './CompactionNote'
import { ConversationNoteView } from './ConversationNoteView'
import { MessageView } from './MessageView'
import { OlderMessagesBar } from './OlderMessagesBar'

/** How close to the bottom (px) still counts as "at the bottom". */
const STICKY_DISTANCE_PX = 48
const ESTIMATED_ROW_PX = 160
/** The bar above the first loaded message while there are older ones. */
const OLDER_BAR_PX = 48

interface MessageListProps {
  messages: ChatMessage[]
  /** Each shows as a note after the last message it summarises. */
  compactions: Compaction[]
  /** Each shows after the message it follows (a note before the first message, above it). */
  notes: ConversationNote[]
  busy: boolean
  /** The find's current hit, brought into view whenever it changes. */
  currentHit: FindMatch | null
  /** How many messages come before the first of `messages`, not loaded yet. */
  olderCount: number
  older: OlderMessages
  loadOlder(): void
  /** Every older message, for Home: the start of the conversation. */
  loadAll(): void
}

/**
 * Notes by the message whose row shows them. One whose message is not there shows after the last one, unless older
 * messages are still to come: then it belongs among those.
 */
function notesByRow(messages: ChatMessage[], notes: ConversationNote[], olderCount: number) {
  const before = new Map<string, ConversationNote[]>()
  const after = new Map<string, ConversationNote[]>()
  const first = messages[0]?.id
  const last = messages.at(-1)?.id
  const ids = new Set(messages.map((message) => message.id))
  for (const note of notes) {
    const [map, id] =
      note.afterMessageId === null
        ? [before, olderCount > 0 ? undefined : first]
        : [after, ids.has(note.afterMessageId) ? note.afterMessageId : olderCount > 0 ? undefined : last]
    if (id !== undefined) map.set(id, [...(map.get(id) ?? []), note])
  }
  return { before, after }
}

const noteKey = (note: ConversationNote) => `${note.kind}-${note.at}-${note.to}`

/** Whether `element` is fully inside the visible part of `scroller`. */
function isInView(element: HTMLElement, scroller: HTMLElement): boolean {
  const box = element.getBoundingClientRect()
  const view = scroller.getBoundingClientRect()
  return box.top >= view.top && box.bottom <= view.top + scroller.clientHeight
}

/** Keys that move in the page or a field themselves, where Home means the start of that text, not of the list. */
function isTextEntry(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
}

export function MessageList(props: MessageListProps) {
  const { messages, compactions, notes, busy, currentHit, olderCount, older, loadOlder, loadAll } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  /** Home was pressed: stay at the very top while the older messages come in. */
  const toStart = useRef(false)
  /** A hit to bring into view: its message's row is scrolled to first if it is not mounted. */
  const reveal = useRef<{ index: number; rowRequested: boolean } | null>(null)
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => messages[index].id,
    overscan: 6,
    paddingStart: olderCount > 0 ? OLDER_BAR_PX : 0,
    // Messages paged in above keep the row in view where it was, instead of pushing it down; at the end, the list
    // stays there as the last row grows or a message is added, and not once the user has scrolled up to read.
    anchorTo: 'end',
    scrollEndThreshold: STICKY_DISTANCE_PX,
    followOnAppend: true,
  })
  const totalSize = virtualizer.getTotalSize()
  const noteAfter = new Map(compactions.map((compaction) => [compaction.throughMessageId, compaction]))
  const modelNotes = notesByRow(messages, notes, olderCount)

  // The conversation opens at its newest message; from then on the end anchoring follows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on opening.
  useLayoutEffect(() => {
    if (messages.length > 0) virtualizer.scrollToIndex(messages.length - 1, { align: 'end' })
  }, [])

  // A new current hit (the object is recomputed as messages stream; the view keeps it while it is the same hit).
  useEffect(() => {
    if (!currentHit) return
    reveal.current = { index: currentHit.messageIndex, rowRequested: false }
  }, [currentHit])

  // After each render until the hit is shown: once its <mark> is mounted, centre it (through the virtualiser, which
  // would otherwise undo a scroll it did not make while it settles); until then, scroll its message into the list.
  useEffect(() => {
    const pending = reveal.current
    const element = scrollRef.current
    if (!pending || !element) return
    const mark = element.querySelector<HTMLElement>('mark[data-find-current]')
    if (mark) {
      reveal.current = null
      if (isInView(mark, element)) return
      const markTop = mark.getBoundingClientRect().top - element.getBoundingClientRect().top + element.scrollTop
      virtualizer.scrollToOffset(Math.max(0, markTop - (element.clientHeight - mark.offsetHeight) / 2))
    } else if (!pending.rowRequested) {
      pending.rowRequested = true
      virtualizer.scrollToIndex(pending.index, { align: 'center' })
    } else if (element.querySelector(`[data-index="${pending.index}"]`)) {
      // The message is shown but its hit has no mark of its own (it is inside typeset math): the message will do.
      reveal.current = null
    }
  })

  // Home: stay at the very top after each render while the older messages come in, through the virtualiser (it
  // would otherwise keep the rows it anchored as the older ones came in).
  useEffect(() => {
    if (!toStart.current) return
    virtualizer.scrollToOffset(0)
    if (olderCount === 0 || older.error) toStart.current = false
  })

  // Within a screen of the top (or with too little to fill the screen), the next older page is asked for; the list
  // checks again whenever rows or the paging state change, so pages keep coming while the user stays up there. Not
  // on every render: a streamed update would otherwise read the layout, forcing it once per update.
  // biome-ignore lint/correctness/useExhaustiveDependencies: these are the triggers; loadOlder is new on each render.
  useEffect(() => {
    const element = scrollRef.current
    if (!element || toStart.current) return
    if (olderCount > 0 && !older.loading && !older.error && element.scrollTop < element.clientHeight) loadOlder()
  }, [messages.length, olderCount, older.loading, older.error])

  function handleScroll() {
    const element = scrollRef.current
    if (!element) return
    if (element.scrollTop < element.clientHeight && olderCount > 0 && !older.loading && !older.error) loadOlder()
  }

  function handleKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Home' || event.ctrlKey || event.metaKey || event.altKey || isTextEntry(event.target)) return
    if (olderCount === 0) return
    toStart.current = true
    loadAll()
  }

  // Any other way of moving lets go of the start.
  function letGoOfStart() {
    toStart.current = false
  }

  return (
    <section
      ref={scrollRef}
      className="message-scroll"
      aria-label="Messages"
      onScroll={handleScroll}
      onKeyDown={(event) => (event.key === 'Home' ? handleKeyDown(event) : letGoOfStart())}
      onWheel={letGoOfStart}
      onPointerDown={letGoOfStart}
    >
      <div className="message-rows" style={{ height: totalSize }}>
        {olderCount > 0 && <OlderMessagesBar height={OLDER_BAR_PX} older={older} loadOlder={loadOlder} />}
        {virtualizer.getVirtualItems().map((row) => {
          const message = messages[row.index]
          const compaction = noteAfter.get(message.id)
          return (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="message-row"
              // Not a transform: Chromium paints a transformed row whole, and a long answer would be repainted
              // from its first line on every streamed frame; a row placed by `top` repaints what is on screen.
              style={{ top: row.start }}
            >
              {modelNotes.before.get(message.id)?.map((note) => (
                <ConversationNoteView key={noteKey(note)} note={note} />
              ))}
              <MessageView message={message} isLast={row.index === messages.length - 1} busy={busy} />
              {compaction && <CompactionNote compaction={compaction} />}
              {modelNotes.after.get(message.id)?.map((note) => (
                <ConversationNoteView key={noteKey(note)} note={note} />
              ))}
            </div>
          )
        })}
      </div>
    </section>
  )
}
