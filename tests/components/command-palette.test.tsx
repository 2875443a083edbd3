import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderApp } from './support/render-app'
import { createTestApi, summary } from './support/test-api'

const conversations = [
  summary({ id: 'c1', title: 'Bug hunt', updatedAt: 500 }),
  summary({ id: 'c2', title: 'Trip planning', updatedAt: 400 }),
  summary({ id: 'c3', title: 'Garden plan', updatedAt: 300 }),
]

async function openPalette() {
  const user = userEvent.setup()
  const api = createTestApi({ conversations })
  renderApp(api)
  await screen.findByText('Bug hunt')
  await user.keyboard('{Control>}k{/Control}')
  const palette = screen.getByRole('dialog', { name: 'Command palette' })
  return { user, api, palette, box: within(palette).getByRole('combobox') }
}

function itemTitled(title: string) {
  return screen.getAllByTestId('conversation-item').find((item) => item.textContent === title)
}

describe('command palette', () => {
  it('opens with Ctrl+K, with the focus in its box', async () => {
    const { box } = await openPalette()
    expect(document.activeElement).toBe(box)
  })

  it('finds a conversation by words of its title and opens it with Enter', async () => {
    const { user, palette } = await openPalette()
    await user.keyboard('plan trip')
    expect(
      within(palette)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Trip planningConversation'])
    await user.keyboard('{Enter}')
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull()
    await waitFor(() => expect(itemTitled('Trip planning')?.getAttribute('aria-current')).toBe('page'))
  })

  it('runs an action chosen with the arrow keys', async () => {
    const { user, palette } = await openPalette()
    await user.keyboard('settings')
    const option = within(palette).getByRole('option', { name: /Open Settings/ })
    expect(option.getAttribute('aria-selected')).toBe('true')
    await user.keyboard('{Enter}')
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy()
  })

  it('moves the choice down and back up', async () => {
    const { user, palette } = await openPalette()
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}')
    const selected = within(palette)
      .getAllByRole('option')
      .filter((option) => option.getAttribute('aria-selected') === 'true')
    expect(selected.map((option) => option.textContent)).toEqual(['Trip planningConversation'])
  })

  it('closes with Escape and changes nothing', async () => {
    const { user, api } = await openPalette()
    await user.keyboard('Garden{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull()
    expect(api.invokesOf('conversations:get')).toEqual([])
  })
})
