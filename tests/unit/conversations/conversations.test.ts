import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { ConversationSummary } from '../../../src/shared/domain'
import { setupChat } from '../chat/support/setup'

describe('conversations', () => {
  it('creates a "New chat" on the first model the backend lists when none is chosen', async () => {
    const { harness } = await setupChat()
    expect(await harness.call('conversations:create', undefined)).toMatchObject({
      title: 'New chat',
      model: 'gpt-5.6-sol',
      effort: 'medium',
      messageCount: 0,
    })
  })

  it('lists each conversation with only what the sidebar and the chat header show, not its preview', async () => {
    const { harness, fake } = await setupChat()
    fake.responses.enqueue({ kind: 'text', text: 'Lisbon.' })
    const { id } = await harness.call('conversations:create', undefined)
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Where to go in May?' })
    await finished
    const [entry] = (await harness.call('conversations:list', undefined)).entries
    expect(Object.keys(entry).sort()).toEqual(['createdAt', 'effort', 'id', 'model', 'pinned', 'title', 'updatedAt'])
  })

  it('remembers the model and effort chosen for a conversation', async () => {
    const { harness, store } = await setupChat()
    const { id } = await harness.call('conversations:create', { model: 'gpt-5.4-mini' })
    await harness.call('conversations:set-model', { id, model: 'gpt-5.6-terra', effort: 'low' })
    expect(await store.get(id)).toMatchObject({ model: 'gpt-5.6-terra', effort: 'low' })
  })

  it('titles a new chat from its first message until the model’s title arrives', async () => {
    const { harness, fake } = await setupChat()
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 1 })
    const { id } = await harness.call('conversations:create', undefined)
    await harness.call('chat:send', {
      conversationId: id,
      text: '  How do I   migrate a large Postgres database to a new server without downtime?\nDetails…',
    })
    expect((await harness.call('conversations:get', { id })).title).toBe(
      'How do I migrate a large Postgres database to a…',
    )
  })

  it('keeps a title the user gave before the first message', async () => {
    const { harness, fake } = await setupChat()
    fake.responses.enqueue({ kind: 'text', text: 'Lisbon.' })
    const { id } = await harness.call('conversations:create', undefined)
    await harness.call('conversations:rename', { id, title: 'Trip ideas' })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Where to go in May?' })
    await finished
    expect((await harness.call('conversations:get', { id })).title).toBe('Trip ideas')
    expect(fake.responses.titleRequests).toEqual([])
  })

  it('deletes the conversation file and its list entry, and tells the renderer', async () => {
    const { harness, store } = await setupChat()
    const changes: Array<{ upserted?: ConversationSummary; removedId?: string }> = []
    store.onChange((change) => changes.push(change))
    const { id } = await harness.call('conversations:create', undefined)

    await harness.call('conversations:delete', { id })

    expect((await harness.call('conversations:list', undefined)).entries.map((summary) => summary.id)).not.toContain(id)
    await expect(harness.call('conversations:get', { id })).rejects.toMatchObject({ error: { kind: 'not-found' } })
    expect(changes.map((change) => (change.removedId ? 'removed' : change.upserted?.id))).toEqual([id, 'removed'])
  })

  it('stops the answer being written in a conversation that is deleted', async () => {
    const { harness, fake, id } = await setupChat()
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 2 })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Write forever' })
    await harness.call('conversations:delete', { id })
    expect(await finished).toMatchObject({ state: 'cancelled' })
    expect((await harness.call('conversations:list', undefined)).entries.map((summary) => summary.id)).not.toContain(id)
  })

  it('pins a conversation to the top of the list', async () => {
    const { harness } = await setupChat()
    const first = await harness.call('conversations:create', undefined)
    await harness.call('conversations:create', undefined)
    await harness.call('conversations:pin', { id: first.id, pinned: true })
    expect((await harness.call('conversations:list', undefined)).entries[0]).toMatchObject({
      id: first.id,
      pinned: true,
    })
  })

  it('lists the first conversations in sidebar order when asked for a few, with how many there are', async () => {
    const { harness } = await setupChat()
    const { total: before } = await harness.call('conversations:list', undefined)
    const pinned = await harness.call('conversations:create', undefined)
    await harness.call('conversations:create', undefined)
    const newest = await harness.call('conversations:create', undefined)
    await harness.call('conversations:pin', { id: pinned.id, pinned: true })
    const list = await harness.call('conversations:list', { limit: 2 })
    expect(list.entries.map((entry) => entry.id)).toEqual([pinned.id, newest.id])
    expect(list.total).toBe(before + 3)
  })

  it('hands the export to the page for download in the web harness', async () => {
    const { harness } = await setupChat()
    const { id } = await harness.call('conversations:create', undefined)
    expect(await harness.call('conversations:export', { id, format: 'json' })).toMatchObject({
      filename: 'New chat.json',
      mimeType: 'application/json',
      content: expect.stringContaining('"format": "codex-desk.conversation"'),
    })
  })

  it('saves the export where the save dialog says in Electron', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'codex-desk-saved-'))
    onTestFinished(() => rm(folder, { recursive: true, force: true }))
    const { harness } = await setupChat({ chooseSaveLocation: async (name) => join(folder, name) })
    const { id } = await harness.call('conversations:create', undefined)
    const result = await harness.call('conversations:export', { id, format: 'markdown' })
    const savedTo = join(folder, 'New chat.md')
    expect(result).toEqual({ filename: 'New chat.md', savedTo, mimeType: 'text/markdown' })
    expect(await readFile(savedTo, 'utf8')).toBe('# New chat\n')
  })

  it('saves nothing when the save dialog is cancelled', async () => {
    const { harness } = await setupChat({ chooseSaveLocation: async () => null })
    const { id } = await harness.call('conversations:create', undefined)
    await expect(harness.call('conversations:export', { id, format: 'json' })).rejects.toMatchObject({
      error: { kind: 'cancelled' },
    })
  })

  it('never turns a conversation id into a path outside the conversations folder', async () => {
    const { harness } = await setupChat()
    await expect(harness.call('conversations:get', { id: '../../etc/passwd' })).rejects.toMatchObject({
      error: { kind: 'not-found' },
    })
  })
})
