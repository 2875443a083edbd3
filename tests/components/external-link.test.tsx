import { installCodexApi } from '@renderer/api'
import { ExternalLink } from '@renderer/markdown/ExternalLink'
import { useSettingsStore } from '@renderer/stores/settings-store'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createTestApi } from './support/test-api'

function inDesktopApp() {
  const api = createTestApi()
  installCodexApi(api)
  useSettingsStore.setState({
    appInfo: { version: '0.1.0', platform: 'linux', shell: 'electron', dataDir: '/data/codex-desk' },
  })
  return api
}

describe('links in answers, in the desktop app', () => {
  it('open a web link in the system browser through main', async () => {
    const api = inDesktopApp()
    render(<ExternalLink href="https://example.com/guide">the guide</ExternalLink>)
    await userEvent.setup().click(screen.getByRole('link', { name: 'the guide' }))
    expect(api.invokesOf('app:open-external')).toEqual([{ url: 'https://example.com/guide' }])
  })

  it('do nothing for a scheme that is not http(s)', async () => {
    const api = inDesktopApp()
    render(<ExternalLink href="file:///etc/passwd">a file</ExternalLink>)
    await userEvent.setup().click(screen.getByRole('link', { name: 'a file' }))
    expect(api.invokesOf('app:open-external')).toEqual([])
  })
})
