import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../src/shared/domain'
import { renderApp } from './support/render-app'
import { createTestApi, summary } from './support/test-api'

const conversation = summary({ id: 'c1', title: 'Existing chat' })

async function openConversation() {
  const user = userEvent.setup()
  const api = createTestApi({ conversations: [conversation] })
  renderApp(api)
  await user.click(await screen.findByText('Existing chat'))
  await waitFor(() => expect(api.invokesOf('conversations:get')).toHaveLength(1))
  return { user, api }
}

const streamingAnswer: ChatMessage = { id: 'a1', role: 'assistant', createdAt: 2, parts: [], state: 'streaming' }

describe('composer', () => {
  it('sends the message when I press Enter', async () => {
    const { user, api } = await openConversation()
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello there{Enter}')
    await waitFor(() => expect(api.invokesOf('chat:send')).toEqual([{ conversationId: 'c1', text: 'Hello there' }]))
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('')
  })

  it('makes a new line when I press Shift+Enter', async () => {
    const { user, api } = await openConversation()
    const composer = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement
    await user.type(composer, 'First line{Shift>}{Enter}{/Shift}Second line')
    expect(composer.value).toBe('First line\nSecond line')
    expect(api.invokesOf('chat:send')).toEqual([])
  })

  it('creates a conversation first when I send with none open', async () => {
    const user = userEvent.setup()
    const api = createTestApi()
    renderApp(api)
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Start something{Enter}')
    await waitFor(() =>
      expect(api.invokesOf('chat:send')).toEqual([{ conversationId: 'created-1', text: 'Start something' }]),
    )
    expect(screen.getByTestId('conversation-item').getAttribute('aria-current')).toBe('page')
  })

  it('shows Stop instead of Send while a reply streams, and stops it', async () => {
    const { user, api } = await openConversation()
    api.emitChat({ type: 'turn-started', conversationId: 'c1', assistantMessage: streamingAnswer })
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Stop' }))
    expect(api.invokesOf('chat:stop')).toEqual([{ conversationId: 'c1' }])
  })

  it('shows the streamed answer as it arrives', async () => {
    const { api } = await openConversation()
    api.emitChat({ type: 'turn-started', conversationId: 'c1', assistantMessage: streamingAnswer })
    api.emitChat({
      type: 'part-added',
      conversationId: 'c1',
      messageId: 'a1',
      partIndex: 0,
      part: { kind: 'text', text: '' },
    })
    for (const delta of ['Hel', 'lo ', 'world'])
      api.emitChat({ type: 'text-delta', conversationId: 'c1', messageId: 'a1', partIndex: 0, delta })
    const message = await screen.findByTestId('message')
    await waitFor(() => expect(message.textContent).toContain('Hello world'))
    expect(message.getAttribute('data-state')).toBe('streaming')
  })
})
