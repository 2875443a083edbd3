import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ChatMessage, Compaction, ContextUse } from '../../src/shared/domain'
import { renderApp } from './support/render-app'
import { createTestApi, summary, TEST_MODEL } from './support/test-api'

// TEST_MODEL (the conversation's model) has a 200 000-token window.

function user(id: string, text: string): ChatMessage {
  return { id, role: 'user', createdAt: 1, parts: [{ kind: 'text', text }], state: 'done' }
}

function answer(id: string, text: string, context?: ContextUse): ChatMessage {
  return {
    id,
    role: 'assistant',
    createdAt: 2,
    parts: [{ kind: 'text', text }],
    state: 'done',
    ...(context && { context }),
  }
}

const compaction: Compaction = {
  id: 'k1',
  throughMessageId: 'a1',
  summary: 'The user asked about bread.',
  model: TEST_MODEL.id,
  createdAt: 3,
}

async function openConversation(messages: ChatMessage[], compactions: Compaction[] = []) {
  const api = createTestApi({ conversations: [summary({ id: 'c1', title: 'Long chat' })] })
  api.handle('conversations:get', ({ id }) => ({
    ...summary({ id, title: 'Long chat' }),
    workspace: null,
    olderCount: 0,
    seq: api.seqOf(id),
    messages,
    compactions,
  }))
  renderApp(api)
  await userEvent.setup().click(await screen.findByText('Long chat'))
  await waitFor(() => expect(screen.getAllByTestId('message')).toHaveLength(messages.length))
  return api
}

describe('context meter', () => {
  it("shows how much of the model's context the last answer's last round used", async () => {
    await openConversation([
      user('u1', 'Hi'),
      answer('a1', 'Hello', { inputTokens: 90_000, outputTokens: 10_000, inputChars: 360_000 }),
    ])

    const meter = screen.getByRole('meter', { name: 'Context used' })
    expect(meter.dataset.testid).toBe('context-meter')
    expect(meter.getAttribute('aria-valuenow')).toBe('50')
    expect(meter.getAttribute('aria-valuetext')).toMatch(/^50 % \(100.000 of 200.000 tokens of GPT Test's context\)$/)
  })

  it('is hidden until an answer has reported its context use', async () => {
    await openConversation([user('u1', 'Hi'), answer('a1', 'Hello')])

    expect(screen.queryByTestId('context-meter')).toBeNull()
  })

  it('moves when an answer finishes', async () => {
    const api = await openConversation([
      user('u1', 'Hi'),
      answer('a1', 'Hello', { inputTokens: 10_000, outputTokens: 0, inputChars: 40_000 }),
    ])
    expect(screen.getByTestId('context-meter').getAttribute('aria-valuenow')).toBe('5')

    const next = answer('a2', 'More', { inputTokens: 170_000, outputTokens: 2_000, inputChars: 680_000 })
    api.emitChat({
      type: 'turn-started',
      conversationId: 'c1',
      userMessage: user('u2', 'More?'),
      assistantMessage: { ...next, state: 'streaming' },
    })
    api.emitChat({ type: 'turn-finished', conversationId: 'c1', message: next })

    expect(screen.getByTestId('context-meter').getAttribute('aria-valuenow')).toBe('86')
  })
})

describe('compaction note', () => {
  it('shows where the summarised messages end, with the summary behind a disclosure', async () => {
    await openConversation([user('u1', 'Bread?'), answer('a1', 'Knead it.'), user('u2', 'And then?')], [compaction])

    const note = screen.getByTestId('compaction-note')
    expect(note.textContent).toContain('Older messages were summarised to fit the model')
    expect(within(note).getByText('The user asked about bread.').closest('details')).not.toBeNull()
    const rows = screen.getAllByTestId('message').map((message) => message.parentElement)
    expect(rows.map((row) => row?.contains(note))).toEqual([false, true, false])
  })

  it('appears as soon as main summarises older messages', async () => {
    const api = await openConversation([user('u1', 'Bread?'), answer('a1', 'Knead it.')])
    expect(screen.queryByTestId('compaction-note')).toBeNull()

    api.emitChat({ type: 'compacted', conversationId: 'c1', compaction })

    expect(screen.getByTestId('compaction-note').textContent).toContain('Older messages were summarised')
  })
})
