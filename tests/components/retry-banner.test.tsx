import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../src/shared/domain'
import { renderApp } from './support/render-app'
import { createTestApi, summary } from './support/test-api'

const answer: ChatMessage = { id: 'a1', role: 'assistant', createdAt: 2, parts: [], state: 'streaming' }

async function streamingConversation() {
  const user = userEvent.setup()
  const api = createTestApi({ conversations: [summary({ id: 'c1', title: 'Busy chat' })] })
  renderApp(api)
  await user.click(await screen.findByText('Busy chat'))
  await waitFor(() => expect(api.invokesOf('conversations:get')).toHaveLength(1))
  await screen.findByRole('textbox', { name: 'Message' })
  api.emit('chat:event', { type: 'turn-started', conversationId: 'c1', assistantMessage: answer })
  return api
}

describe('retry banner', () => {
  it('says when the next attempt is due, with the attempt numbers', async () => {
    const api = await streamingConversation()
    api.emit('chat:event', {
      type: 'retrying',
      conversationId: 'c1',
      messageId: 'a1',
      attempt: 2,
      maxRetries: 10,
      retryAt: Date.now() + 12_000,
      error: { kind: 'rate-limited', message: 'The service is busy.' },
    })
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('The service is busy.')
    expect(alert.textContent).toMatch(/Retrying in \d+ s \(attempt 2 of 10\)…/)
  })

  it('shows when a usage limit resets on a failed answer', async () => {
    const api = await streamingConversation()
    api.emit('chat:event', {
      type: 'turn-finished',
      conversationId: 'c1',
      message: {
        ...answer,
        state: 'error',
        error: { kind: 'usage-limit', message: 'You have reached your usage limit.', resetsAt: Date.now() + 3_600_000 },
      },
    })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/usage limit\. The limit resets at/)
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy()
  })
})
