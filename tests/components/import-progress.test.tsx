import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ConversationSummary } from '../../src/shared/domain'
import { renderApp } from './support/render-app'
import { createTestApi, summary } from './support/test-api'

describe('importing a conversation file', () => {
  it('shows how far main has got checking a large file, until it is saved', async () => {
    const user = userEvent.setup()
    const imported = summary({ id: 'imported', title: 'Imported chat' })
    const api = createTestApi({ conversations: [imported] })
    let finish: (summary: ConversationSummary) => void = () => {}
    api.handle('conversations:import', () => new Promise<ConversationSummary>((resolve) => (finish = resolve)))
    renderApp(api)

    const file = new File(['{"format":"codex-desk.conversation"}'], 'chat.json', { type: 'application/json' })
    await user.upload(screen.getByLabelText('Conversation file to import'), file)

    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Reading the file…')
    expect(screen.getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true)
    api.emit('conversations:import-progress', { done: 2_000, total: 200_000 })
    expect(screen.getByRole('status').textContent).toBe('Checking 2,000 of 200,000 messages…')
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveProperty('value', 2_000)
    api.emit('conversations:import-progress', { done: 200_000, total: 200_000 })
    expect(screen.getByRole('status').textContent).toBe('Saving…')

    finish(imported)
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull())
    expect(screen.getByRole('button', { name: 'Import' })).toHaveProperty('disabled', false)
  })
})
