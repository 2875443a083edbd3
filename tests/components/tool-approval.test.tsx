import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ChatMessage, MessagePart } from '../../src/shared/domain'
import { renderApp } from './support/render-app'
import { createTestApi, summary } from './support/test-api'

const conversation = summary({ id: 'c1', title: 'Cleanup', busy: true })

type ToolCall = Extract<MessagePart, { kind: 'tool-call' }>

const commandCall: ToolCall = {
  kind: 'tool-call',
  callId: 'r1',
  name: 'run_command',
  arguments: '{"command":"rm -rf old-stuff"}',
  state: 'pending-approval',
  preview: { kind: 'command', command: 'rm -rf old-stuff', cwd: '/home/me/projects', timeoutSeconds: 60 },
}

const patchCall: ToolCall = {
  kind: 'tool-call',
  callId: 'p1',
  name: 'apply_patch',
  arguments: '{}',
  state: 'pending-approval',
  preview: {
    kind: 'patch',
    preview: {
      ok: true,
      files: [
        { path: 'src/app.ts', kind: 'update', diff: '--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1 +1 @@\n-old\n+new\n' },
      ],
    },
  },
}

function answer(parts: MessagePart[]): ChatMessage {
  return { id: 'a1', role: 'assistant', createdAt: 2, parts, state: 'streaming' }
}

async function openWith(parts: MessagePart[], shell: 'electron' | 'web' = 'electron') {
  const user = userEvent.setup()
  const api = createTestApi({ conversations: [conversation] })
  api.handle('app:info', () => ({ version: '0.1.0', platform: 'linux', shell, dataDir: '/data' }))
  api.handle('conversations:get', () => ({
    ...conversation,
    workspace: '/home/me/projects',
    olderCount: 0,
    compactions: [],
    messages: [answer(parts)],
    seq: 0,
  }))
  api.handle('tools:decide', () => undefined)
  renderApp(api)
  await user.click(await screen.findByText('Cleanup'))
  await screen.findAllByTestId('tool-call')
  return { user, api }
}

const decisions = (api: ReturnType<typeof createTestApi>) =>
  api.invokes.filter((invoke) => invoke.channel === 'tools:decide').map((invoke) => invoke.payload)

describe('approval cards', () => {
  it('shows the full command and its folder without expanding anything', async () => {
    await openWith([commandCall])
    const preview = screen.getByTestId('tool-call-preview')
    expect(preview.textContent).toContain('rm -rf old-stuff')
    expect(preview.textContent).toContain('/home/me/projects')
    expect(preview.closest('details')).toBeNull()
  })

  it('shows a patch as a coloured diff per file', async () => {
    await openWith([patchCall])
    const preview = screen.getByTestId('tool-call-preview')
    expect(preview.textContent).toContain('src/app.ts')
    expect(within(preview).getByText('-old').className).toContain('diff-del')
    expect(within(preview).getByText('+new').className).toContain('diff-add')
  })

  it('takes the focus when it waits; Enter approves', async () => {
    const { user, api } = await openWith([commandCall])
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('tool-call')))
    await user.keyboard('{Enter}')
    expect(decisions(api)).toEqual([{ conversationId: 'c1', callId: 'r1', decision: 'approve' }])
  })

  it('Escape denies the call and does not stop the answer', async () => {
    const { user, api } = await openWith([commandCall])
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('tool-call')))
    await user.keyboard('{Escape}')
    expect(decisions(api)).toEqual([{ conversationId: 'c1', callId: 'r1', decision: 'deny' }])
    expect(api.invokes.some((invoke) => invoke.channel === 'chat:stop')).toBe(false)
  })

  it('"Always allow" names the tool and approves the call for the conversation', async () => {
    const { user, api } = await openWith([commandCall])
    await user.click(screen.getByRole('button', { name: 'Always allow run_command in this conversation' }))
    expect(decisions(api)).toEqual([{ conversationId: 'c1', callId: 'r1', decision: 'always' }])
  })
})

describe('workspace chooser in the browser', () => {
  it('names the folder in the header and shows a refused path in the dialog', async () => {
    const { user, api } = await openWith([commandCall], 'web')
    api.handle('conversations:set-workspace', () => {
      throw new Error('That workspace folder cannot be used: "/nope" does not exist.')
    })
    expect(screen.getByTestId('workspace-path').textContent).toContain('projects')

    await user.click(screen.getByRole('button', { name: 'Workspace' }))
    const dialog = screen.getByRole('dialog', { name: 'Workspace' })
    const field = within(dialog).getByRole('textbox', { name: 'Folder path' })
    await user.clear(field)
    await user.type(field, '/nope')
    await user.click(within(dialog).getByRole('button', { name: 'Use folder' }))

    expect((await within(dialog).findByRole('alert')).textContent).toContain('does not exist')
    await act(async () => {})
    expect(screen.queryByRole('dialog', { name: 'Workspace' })).not.toBeNull()
  })
})
