import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { assistantMessage, newChat, openStore, tempDataDir } from './support'

describe('a conversation’s workspace and tool approvals', () => {
  it('keeps the chosen workspace and approvals after a restart', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create({ ...newChat, workspace: '/first' })
    await store.setWorkspace(id, '/projects/site')
    await store.setToolPolicy(id, { level: 'ask-all', alwaysAllow: ['run_command'] })
    await store.close()

    const reopened = await openStore(dataDir)
    expect(await reopened.get(id)).toMatchObject({
      workspace: '/projects/site',
      toolPolicy: { level: 'ask-all', alwaysAllow: ['run_command'] },
    })
  })

  it('keeps what an approval card showed after a restart', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create(newChat)
    const preview = { kind: 'command', command: 'ls -la', cwd: '/projects/site', timeoutSeconds: 60 } as const
    const answer = assistantMessage([
      { kind: 'tool-call', callId: 'c1', name: 'run_command', arguments: '{}', state: 'denied', preview },
    ])
    await store.recordAssistantMessage(id, answer, { flush: true })
    await store.close()

    const reopened = await openStore(dataDir)
    expect((await reopened.get(id)).messages[0].parts[0]).toMatchObject({ preview })
  })

  it('opens a conversation saved before workspaces were per conversation', async () => {
    const dataDir = await tempDataDir()
    await (await openStore(dataDir)).close()
    const header = { v: 2, type: 'header', id: 'v2', title: 'Older', model: 'gpt-5', effort: null, workspace: null }
    await writeFile(join(dataDir, 'conversations', 'v2.jsonl'), `${JSON.stringify({ ...header, created: 5 })}\n`)

    const store = await openStore(dataDir)
    const conversation = await store.get('v2')

    expect(conversation).toMatchObject({ title: 'Older', workspace: null })
    expect(conversation.toolPolicy).toBeUndefined()
  })

  it('writes nothing when the workspace chosen is the one it has', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create({ ...newChat, workspace: '/same' })
    await store.setWorkspace(id, '/same')
    const lines = (await readFile(join(dataDir, 'conversations', `${id}.jsonl`), 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(1)
  })
})
