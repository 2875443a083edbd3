import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderApp } from './support/render-app'
import { createTestApi, SIGNED_IN, SIGNED_OUT } from './support/test-api'

async function openSettings(api = createTestApi()) {
  const user = userEvent.setup()
  renderApp(api)
  await user.click(screen.getByRole('button', { name: 'Settings' }))
  return { user, api, dialog: screen.getByRole('dialog', { name: 'Settings' }) }
}

describe('settings dialog', () => {
  it('opens from the Settings button and closes with Close', async () => {
    const { user } = await openSettings()
    await user.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull()
  })

  it('closes with Escape and gives focus back to the Settings button', async () => {
    const { user } = await openSettings()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }))
  })

  it('shows my email and Sign out when I am signed in', async () => {
    const { dialog } = await openSettings(createTestApi({ account: SIGNED_IN }))
    await waitFor(() => expect(within(dialog).getByTestId('account-email').textContent).toBe('ada@example.com'))
    expect(within(dialog).getByRole('button', { name: 'Sign out' })).toBeTruthy()
  })

  it('offers Sign in with ChatGPT when I am signed out', async () => {
    const { user, api, dialog } = await openSettings(createTestApi({ account: SIGNED_OUT }))
    api.handle('account:sign-in', () => ({ status: 'signing-in', tokenStorage: 'encrypted' }))
    await user.click(await within(dialog).findByRole('button', { name: 'Sign in with ChatGPT' }))
    expect(await within(dialog).findByRole('button', { name: 'Cancel' })).toBeTruthy()
    expect(api.invokesOf('account:sign-in')).toHaveLength(1)
  })

  it('switches to the signed-in view when the account changes', async () => {
    const { api, dialog } = await openSettings(createTestApi({ account: SIGNED_OUT }))
    await within(dialog).findByRole('button', { name: 'Sign in with ChatGPT' })
    api.emit('account:changed', SIGNED_IN)
    expect(within(dialog).getByTestId('account-email').textContent).toBe('ada@example.com')
  })

  it('explains that tokens last only this session when they cannot be encrypted', async () => {
    const { dialog } = await openSettings(createTestApi({ account: { ...SIGNED_IN, tokenStorage: 'memory' } }))
    expect(await within(dialog).findByText(/kept only for this session/)).toBeTruthy()
    expect(within(dialog).getByRole('checkbox')).toBeTruthy()
  })

  it('opens with the focus on Close, so Enter never signs me out', async () => {
    const { dialog } = await openSettings(createTestApi({ account: SIGNED_IN }))
    await within(dialog).findByTestId('account-email')
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }))
  })

  it('asks before signing out: Cancel keeps me signed in, Sign out signs me out', async () => {
    const { user, api, dialog } = await openSettings(createTestApi({ account: SIGNED_IN }))
    await user.click(await within(dialog).findByRole('button', { name: 'Sign out' }))
    const confirm = screen.getByRole('dialog', { name: 'Sign out?' })
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }))
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }))
    expect(api.invokesOf('account:sign-out')).toEqual([])

    await user.click(within(dialog).getByRole('button', { name: 'Sign out' }))
    await user.click(
      within(screen.getByRole('dialog', { name: 'Sign out?' })).getByRole('button', { name: 'Sign out' }),
    )
    expect(api.invokesOf('account:sign-out')).toHaveLength(1)
  })

  it('Escape in the sign-out question closes only the question', async () => {
    const { user, dialog } = await openSettings(createTestApi({ account: SIGNED_IN }))
    await user.click(await within(dialog).findByRole('button', { name: 'Sign out' }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Sign out?' })).toBeNull()
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy()
  })

  it('still closes with Escape after the button I pressed went away', async () => {
    const { user, api, dialog } = await openSettings(createTestApi({ account: SIGNED_OUT }))
    api.handle('account:sign-in', () => ({ status: 'signing-in', tokenStorage: 'encrypted' }))
    await user.click(await within(dialog).findByRole('button', { name: 'Sign in with ChatGPT' }))
    api.emit('account:changed', SIGNED_IN)
    await within(dialog).findByTestId('account-email')
    ;(document.activeElement as HTMLElement | null)?.blur()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull()
  })
})
