/**
 * The conversation's messages, virtualised so long threads stay fast: only rows near the viewport are mounted and
 * each row is measured as it renders. The list sticks to the bottom while a reply streams, unless the user has
 * scrolled up to read; it scrolls to the find's current hit wherever it is.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useRef } from 'react'
import type { ChatMessage, Compaction, ConversationNote } from '../../../../shared/domain'
import type { FindMatch } from '../../find/conversation-find'
import { CompactionNote } from './CompactionNote'
import { ConversationNoteView } from './ConversationNoteView'
import { MessageView } from './MessageView'

/** How close to the bottom (px) still counts as "at the bottom". */
const STICKY_DISTANCE_PX = 48
const ESTIMATED_ROW_PX = 160

interface MessageListProps {
  messages: ChatMessage[]
  /** Each shows as a note after the last message it summarises. */
  compactions: Compaction[]
  /** Each shows after the message it follows (a note before the first message, above it). */
  notes: ConversationNote[]
  busy: boolean
  /** The find's current hit, brought into view whenever it changes. */
  currentHit: FindMatch | null
}

/** Notes by the message whose row shows them; one whose message is not loaded (yet) shows after the last one. */
function notesByRow(messages: ChatMessage[], notes: ConversationNote[]) {
  const before = new Map<string, ConversationNote[]>()
  const after = new Map<string, ConversationNote[]>()
  const first = messages[0]?.id
  const last = messages.at(-1)?.id
  const ids = new Set(messages.map((message) => message.id))
  for (const note of notes) {
    const [map, id] =
      note.afterMessageId === null
        ? [before, first]
        : [after, ids.has(note.afterMessageId) ? note.afterMessageId : last]
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

export function MessageList({ messages, compactions, notes, busy, currentHit }: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const stickToBottom = useRef(true)
  /** A hit to bring into view: its message's row is scrolled to first if it is not mounted. */
  const reveal = useRef<{ index: number; rowRequested: boolean } | null>(null)
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => messages[index].id,
    overscan: 6,
  })
  const totalSize = virtualizer.getTotalSize()
  const noteAfter = new Map(compactions.map((compaction) => [compaction.throughMessageId, compaction]))
  const modelNotes = notesByRow(messages, notes)
  const lastMessage = messages.at(-1)

  // Runs after every growth of the content (new rows, re-measured rows, a longer last message).
  // biome-ignore lint/correctness/useExhaustiveDependencies: these values are the triggers, not inputs.
  useLayoutEffect(() => {
    const element = scrollRef.current
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight
  }, [totalSize, messages.length, lastMessage])

  // A new current hit (the object is recomputed as messages stream; the view keeps it while it is the same hit).
  useEffect(() => {
    if (!currentHit) return
    reveal.current = { index: currentHit.messageIndex, rowRequested: false }
    stickToBottom.current = false
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

  function handleScroll() {
    const element = scrollRef.current
    if (!element) return
    stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICKY_DISTANCE_PX
  }

  return (
    <section ref={scrollRef} className="message-scroll" aria-label="Messages" onScroll={handleScroll}>
      <div className="message-rows" style={{ height: totalSize }}>
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
