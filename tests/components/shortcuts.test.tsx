import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderApp } from './support/render-app'
import { createTestApi, summary } from './support/test-api'

const conversations = [summary({ id: 'c1', title: 'Bug hunt', updatedAt: 500 })]

function composer() {
  return screen.getByRole('textbox', { name: 'Message' })
}

describe('keyboard shortcuts', () => {
  it('the composer has the focus when the app opens', async () => {
    renderApp(createTestApi({ conversations }))
    await waitFor(() => expect(document.activeElement).toBe(composer()))
  })

  it('Ctrl+N starts a new chat and puts me in its composer', async () => {
    const user = userEvent.setup()
    const api = createTestApi({ conversations })
    renderApp(api)
    await user.click(await screen.findByText('Bug hunt'))
    await screen.findByRole('heading', { name: 'Bug hunt' })
    await user.click(screen.getByRole('searchbox', { name: 'Search conversations' }))

    await user.keyboard('{Control>}n{/Control}')

    await waitFor(() => expect(document.activeElement).toBe(composer()))
    expect(screen.queryByRole('heading', { name: 'Bug hunt' })).toBeNull()
    expect(api.invokesOf('conversations:create')).toEqual([])
  })

  it('Ctrl+, opens Settings', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi({ conversations }))
    await user.keyboard('{Control>},{/Control}')
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeTruthy()
  })

  it('Escape stops the answer being written, wherever the focus is', async () => {
    const user = userEvent.setup()
    const api = createTestApi({ conversations })
    renderApp(api)
    await user.click(await screen.findByText('Bug hunt'))
    await screen.findByRole('heading', { name: 'Bug hunt' })
    api.emitChat({
      type: 'turn-started',
      conversationId: 'c1',
      assistantMessage: { id: 'a1', role: 'assistant', createdAt: 1, parts: [], state: 'streaming' },
    })
    await screen.findByRole('button', { name: 'Stop' })
    await user.click(screen.getByRole('searchbox', { name: 'Search conversations' }))
    await user.click(document.body)

    await user.keyboard('{Escape}')

    expect(api.invokesOf('chat:stop')).toEqual([{ conversationId: 'c1' }])
  })

  it('Escape with no answer being written stops nothing', async () => {
    const user = userEvent.setup()
    const api = createTestApi({ conversations })
    renderApp(api)
    await user.click(await screen.findByText('Bug hunt'))
    await user.keyboard('{Escape}')
    expect(api.invokesOf('chat:stop')).toEqual([])
  })

  it('↑ in an empty composer edits my last message', async () => {
    const user = userEvent.setup()
    const api = apiWithAThread()
    renderApp(api)
    await user.click(await screen.findByText('Bug hunt'))
    await screen.findByText('Second question')
    await waitFor(() => expect(document.activeElement).toBe(composer()))

    await user.keyboard('{ArrowUp}')

    const editor = await screen.findByRole('textbox', { name: 'Edit message' })
    expect((editor as HTMLTextAreaElement).value).toBe('Second question')
    expect(document.activeElement).toBe(editor)
  })

  it('↑ in a composer with text moves the caret, not into editing', async () => {
    const user = userEvent.setup()
    renderApp(apiWithAThread())
    await user.click(await screen.findByText('Bug hunt'))
    await screen.findByText('Second question')
    await user.type(composer(), 'draft')
    await user.keyboard('{ArrowUp}')
    expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull()
  })
})

/** The conversation "Bug hunt" with two questions answered. */
function apiWithAThread() {
  const api = createTestApi({ conversations })
  api.handle('conversations:get', ({ id }) => ({
    ...conversations[0],
    id,
    olderCount: 0,
    workspace: null,
    seq: api.seqOf(id),
    compactions: [],
    messages: [
      { id: 'u1', role: 'user', createdAt: 1, parts: [{ kind: 'text', text: 'First question' }], state: 'done' },
      { id: 'a1', role: 'assistant', createdAt: 2, parts: [{ kind: 'text', text: 'An answer' }], state: 'done' },
      { id: 'u2', role: 'user', createdAt: 3, parts: [{ kind: 'text', text: 'Second question' }], state: 'done' },
      { id: 'a2', role: 'assistant', createdAt: 4, parts: [{ kind: 'text', text: 'Another' }], state: 'done' },
    ],
  }))
  return api
}
