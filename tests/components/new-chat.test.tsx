import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderApp } from './support/render-app'
import { createTestApi, summary, TEST_MODEL } from './support/test-api'

const conversations = [summary({ id: 'c1', title: 'Bug hunt', updatedAt: 500 })]

function composer() {
  return screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement
}

async function items() {
  const nav = await screen.findByRole('navigation', { name: 'Conversations' })
  return within(nav).queryAllByTestId('conversation-item')
}

async function openBugHunt(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByText('Bug hunt'))
  await screen.findByRole('heading', { name: 'Bug hunt' })
}

describe('New chat', () => {
  it('opens an empty chat and saves nothing until I send', async () => {
    const user = userEvent.setup()
    const api = createTestApi({ conversations })
    renderApp(api)
    await openBugHunt(user)

    await user.click(screen.getByRole('button', { name: 'New chat' }))
    await user.click(screen.getByRole('button', { name: 'New chat' }))

    expect(screen.queryByRole('heading', { name: 'Bug hunt' })).toBeNull()
    expect(screen.queryAllByTestId('message')).toHaveLength(0)
    expect(await items()).toHaveLength(1)
    expect((await items())[0].hasAttribute('aria-current')).toBe(false)
    expect(api.invokesOf('conversations:create')).toEqual([])
  })

  it('saves the conversation with the model I picked when I send the first message', async () => {
    const user = userEvent.setup()
    const api = createTestApi({ conversations })
    renderApp(api)
    await openBugHunt(user)
    await user.click(screen.getByRole('button', { name: 'New chat' }))
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Reasoning effort' }), 'high')

    await user.type(composer(), 'Plan a garden{Enter}')

    await waitFor(() =>
      expect(api.invokesOf('chat:send')).toEqual([{ conversationId: 'created-1', text: 'Plan a garden' }]),
    )
    expect(api.invokesOf('conversations:create')).toEqual([{ model: TEST_MODEL.id, effort: 'high' }])
    const channels = api.invokes.map((invoke) => invoke.channel)
    expect(channels.indexOf('conversations:create')).toBeLessThan(channels.indexOf('chat:send'))
    await waitFor(async () => expect(await items()).toHaveLength(2))
    const current = (await items()).filter((item) => item.getAttribute('aria-current') === 'page')
    expect(current.map((item) => item.textContent)).toEqual(['Fresh chat 1'])
  })

  it('keeps what I typed in it when I open another conversation and come back', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi({ conversations }))
    await user.click(screen.getByRole('button', { name: 'New chat' }))
    await user.type(composer(), 'Half a thought')

    await openBugHunt(user)
    expect(composer().value).toBe('')
    await user.type(composer(), 'About the bug')
    await user.click(screen.getByRole('button', { name: 'New chat' }))

    expect(composer().value).toBe('Half a thought')
    await openBugHunt(user)
    expect(composer().value).toBe('About the bug')
  })

  it('gives my text back when the first message cannot be sent', async () => {
    const user = userEvent.setup()
    const api = createTestApi({ conversations })
    api.handle('chat:send', () => {
      throw new Error('The backend is away')
    })
    renderApp(api)
    await user.click(screen.getByRole('button', { name: 'New chat' }))
    await user.type(composer(), 'Do not lose me{Enter}')

    await waitFor(() => expect(api.invokesOf('chat:send')).toHaveLength(1))
    await waitFor(() => expect(composer().value).toBe('Do not lose me'))
  })
})
