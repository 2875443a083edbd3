import { MessageList } from '@renderer/components/chat/MessageList'
import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../src/shared/domain'

function text(id: string, role: ChatMessage['role'], body: string): ChatMessage {
  return { id, role, createdAt: 1, parts: [{ kind: 'text', text: body }], state: 'done' }
}

describe('the message list', () => {
  // Chromium paints a transformed row whole, however little of it shows: a long answer streaming into such a row
  // was repainted from its first line every frame (bench/browser/streaming.ts; profile in the commit message).
  it('places each message row at its offset with top, not a transform', () => {
    const messages = [text('u1', 'user', 'Plan my garden.'), text('a1', 'assistant', 'Sun, then water.')]
    const { container } = render(
      <MessageList
        messages={messages}
        compactions={[]}
        notes={[]}
        busy={false}
        currentHit={null}
        olderCount={0}
        older={{ loading: false, error: null }}
        loadOlder={() => {}}
        loadAll={() => {}}
      />,
    )

    const rows = [...container.querySelectorAll<HTMLElement>('.message-row')]
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row.style.transform).toBe('')
      expect(row.style.top).toMatch(/^\d+(\.\d+)?px$/)
    }
    expect(rows[0].style.top).toBe('0px')
  })
})
