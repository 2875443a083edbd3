import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
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
  api.emitChat({ type: 'turn-started', conversationId: 'c1', assistantMessage: answer })
  return api
}

afterEach(() => {
  vi.useRealTimers()
})

describe('retry banner', () => {
  it('says when the next attempt is due, with the attempt numbers', async () => {
    const api = await streamingConversation()
    api.emitChat({
      type: 'retrying',
      conversationId: 'c1',
      messageId: 'a1',
      attempt: 2,
      maxRetries: 10,
      retryAt: Date.now() + 12_000,
      error: { kind: 'rate-limited', message: 'The service is busy.' },
      reconnecting: false,
    })
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('The service is busy.')
    expect(alert.textContent).toMatch(/Retrying in \d+ s \(attempt 2 of 10\)…/)
  })

  it('counts down to the re-send after a break mid-answer, as Reconnecting… n/5', async () => {
    const api = await streamingConversation()
    // Only the clock and the banner's ticker are faked; the app is already up.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
    api.emitChat({
      type: 'retrying',
      conversationId: 'c1',
      messageId: 'a1',
      attempt: 2,
      maxRetries: 5,
      retryAt: Date.now() + 12_000,
      error: { kind: 'stream-cut', message: 'The connection dropped.' },
      reconnecting: true,
    })
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Reconnecting… 2/5, next try in 12 s')

    act(() => vi.advanceTimersByTime(5_000))
    expect(alert.textContent).toContain('Reconnecting… 2/5, next try in 7 s')
    act(() => vi.advanceTimersByTime(7_000))
    expect(alert.textContent).toContain('Reconnecting… 2/5')
    expect(alert.textContent).not.toContain('next try')
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull()
  })

  it('cuts the wait short with Retry now, and Stop gives up', async () => {
    const user = userEvent.setup()
    const api = await streamingConversation()
    api.handle('chat:retry-now', () => undefined)
    api.emitChat({
      type: 'retrying',
      conversationId: 'c1',
      messageId: 'a1',
      attempt: 1,
      maxRetries: 5,
      retryAt: Date.now() + 30_000,
      error: { kind: 'rate-limited', message: 'The service is busy.' },
      reconnecting: false,
    })

    await user.click(screen.getByRole('button', { name: 'Retry now' }))
    await waitFor(() => expect(api.invokesOf('chat:retry-now')).toEqual([{ conversationId: 'c1' }]))

    await user.click(screen.getByRole('button', { name: 'Stop' }))
    await waitFor(() => expect(api.invokesOf('chat:stop')).toEqual([{ conversationId: 'c1' }]))
  })

  it('offers another model when the model is at capacity', async () => {
    const api = await streamingConversation()
    api.emitChat({
      type: 'turn-finished',
      conversationId: 'c1',
      message: {
        ...answer,
        state: 'error',
        error: { kind: 'model-overloaded', message: 'This model is at capacity right now. Pick another model.' },
      },
    })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('This model is at capacity right now. Pick another model.')
    await userEvent.setup().click(screen.getByRole('button', { name: 'Choose another model' }))
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Model' }))
  })

  it('shows when a usage limit resets on a failed answer, and offers Retry only once it has', async () => {
    const api = await streamingConversation()
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true })
    api.emitChat({
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
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()

    act(() => {
      vi.advanceTimersByTime(3_600_000)
    })
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy()
  })
})
