import { MessageList } from '@renderer/components/chat/MessageList'
import { fireEvent, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../src/shared/domain'

function text(id: string, role: ChatMessage['role'], body: string): ChatMessage {
  return { id, role, createdAt: 1, parts: [{ kind: 'text', text: body }], state: 'done' }
}

/** The list as the chat pane renders it; by default an answer is streaming and 40 older messages are not loaded. */
function listOf(messages: ChatMessage[], { busy = true, olderCount = 40 } = {}) {
  return (
    <MessageList
      messages={messages}
      compactions={[]}
      notes={[]}
      busy={busy}
      currentHit={null}
      olderCount={olderCount}
      older={{ loading: false, error: null }}
      loadOlder={() => {}}
      loadAll={() => {}}
    />
  )
}

describe('the message list', () => {
  afterEach(() => {
    Reflect.deleteProperty(HTMLElement.prototype, 'scrollHeight')
    Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight')
  })

  // Reading the list's heights after each streamed update (to stick to the end, to check for the top) forced a layout
  // per update, the costliest script of a long answer (bench/browser/streaming.ts): the virtualiser's end anchoring
  // follows the growth from its ResizeObserver, and the top is checked when rows or paging change.
  it('follows a streaming answer without reading the layout on each update', () => {
    let heightReads = 0
    for (const [property, height] of [
      ['scrollHeight', 4000],
      ['clientHeight', 800],
    ] as const) {
      Object.defineProperty(HTMLElement.prototype, property, {
        configurable: true,
        get() {
          heightReads++
          return height
        },
      })
    }
    const question = text('u1', 'user', 'Tell me about tides.')
    const { rerender, getByRole } = render(listOf([question, text('a1', 'assistant', 'The moon')]))
    // happy-dom sends no scroll event when the list scrolls itself to its end, as a browser would.
    fireEvent.scroll(getByRole('region', { name: 'Messages' }))
    heightReads = 0

    for (const answer of ['The moon pulls', 'The moon pulls the sea', 'The moon pulls the sea twice a day.']) {
      rerender(listOf([question, text('a1', 'assistant', answer)]))
    }

    expect(heightReads).toBe(0)
  })

  // Chromium paints a transformed row whole, however little of it shows: a long answer streaming into such a row
  // was repainted from its first line every frame (bench/browser/streaming.ts; profile in the commit message).
  it('places each message row at its offset with top, not a transform', () => {
    const messages = [text('u1', 'user', 'Plan my garden.'), text('a1', 'assistant', 'Sun, then water.')]
    const { container } = render(listOf(messages, { busy: false, olderCount: 0 }))

    const rows = [...container.querySelectorAll<HTMLElement>('.message-row')]
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row.style.transform).toBe('')
      expect(row.style.top).toMatch(/^\d+(\.\d+)?px$/)
    }
    expect(rows[0].style.top).toBe('0px')
  })
})
