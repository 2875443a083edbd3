import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ExportResult } from '../../src/shared/domain'
import { renderApp } from './support/render-app'
import { createTestApi, summary } from './support/test-api'

function exportingApi() {
  const long = summary({ id: 'long', title: 'A very long chat' })
  const api = createTestApi({ conversations: [long] })
  let finish: (result: ExportResult) => void = () => {}
  api.handle('conversations:export', () => new Promise<ExportResult>((resolve) => (finish = resolve)))
  return { api, finish: (result: ExportResult) => finish(result) }
}

async function startExport(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByText('A very long chat'))
  await user.click(await screen.findByRole('button', { name: 'Export JSON' }))
}

describe('exporting a conversation', () => {
  it('shows how far main has got with a very long conversation, until the file is saved', async () => {
    const user = userEvent.setup()
    const { api, finish } = exportingApi()
    renderApp(api)
    await startExport(user)

    expect(screen.getByRole('button', { name: 'Export Markdown' })).toHaveProperty('disabled', true)
    api.emit('conversations:export-progress', { id: 'long', done: 2_000, total: 8_000 })
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toHaveProperty('value', 2_000)
    expect(screen.getByText('Exporting… 25%')).toBeTruthy()
    api.emit('conversations:export-progress', { id: 'long', done: 8_000, total: 8_000 })
    expect(screen.getByText('Finishing…')).toBeTruthy()

    finish({
      filename: 'A very long chat.json',
      savedTo: '/home/ada/A very long chat.json',
      mimeType: 'application/json',
    })
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull())
    expect(screen.getByRole('status').textContent).toBe('Saved to /home/ada/A very long chat.json')
    expect(screen.getByRole('button', { name: 'Export Markdown' })).toHaveProperty('disabled', false)
  })

  it('shows no bar for a short export, whose only report comes at its end', async () => {
    const user = userEvent.setup()
    const { api, finish } = exportingApi()
    renderApp(api)
    await startExport(user)

    api.emit('conversations:export-progress', { id: 'long', done: 12, total: 12 })
    expect(screen.queryByRole('progressbar')).toBeNull()
    finish({
      filename: 'A very long chat.json',
      savedTo: '/home/ada/A very long chat.json',
      mimeType: 'application/json',
    })
    expect(await screen.findByText('Saved to /home/ada/A very long chat.json')).toBeTruthy()
  })
})
