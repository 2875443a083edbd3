import { afterEach, describe, expect, it, vi } from 'vitest'
import { openStorage, type Storage, type StorageDeps } from '../../../src/main/storage'
import type { ConversationSummary } from '../../../src/shared/domain'
import { tempDataDir, userMessage } from './support'

const opened: Storage[] = []
afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(opened.splice(0).map((storage) => storage.dispose()))
})

async function storage(extra: Partial<StorageDeps> = {}): Promise<Storage> {
  const result = await openStorage({
    dataDir: await tempDataDir(),
    modelFor: (requested) => ({ model: requested.model ?? 'gpt-5.4', effort: requested.effort ?? 'high' }),
    ...extra,
  })
  opened.push(result)
  return result
}

describe('conversations:* handlers', () => {
  it('creates a "New chat" with the default model when none is given', async () => {
    const { handlers } = await storage()
    expect(await handlers['conversations:create'](undefined)).toMatchObject({
      title: 'New chat',
      model: 'gpt-5.4',
      effort: 'high',
      messageCount: 0,
    })
  })

  it('remembers the model and effort chosen for a conversation', async () => {
    const { handlers, store } = await storage()
    const { id } = await handlers['conversations:create']({ model: 'gpt-5.4-mini' })
    await handlers['conversations:set-model']({ id, model: 'gpt-5.6-terra', effort: 'low' })
    expect(await store.get(id)).toMatchObject({ model: 'gpt-5.6-terra', effort: 'low' })
  })

  it('titles a new chat from its first message', async () => {
    const { handlers, store } = await storage()
    const { id } = await handlers['conversations:create'](undefined)
    const summary = await store.appendUserMessage(
      id,
      userMessage('  How do I   migrate a large Postgres database to a new server without downtime?\nDetails…'),
    )
    expect(summary.title).toBe('How do I migrate a large Postgres database to a…')
    await store.appendUserMessage(id, userMessage('And the indexes?'))
    expect((await store.get(id)).title).toBe('How do I migrate a large Postgres database to a…')
  })

  it('keeps a title the user gave before the first message', async () => {
    const { handlers, store } = await storage()
    const { id } = await handlers['conversations:create'](undefined)
    await handlers['conversations:rename']({ id, title: 'Trip ideas' })
    expect((await store.appendUserMessage(id, userMessage('Where to go in May?'))).title).toBe('Trip ideas')
  })

  it('deletes the conversation file and its list entry, and tells listeners', async () => {
    const deps = await storage()
    const changes: Array<{ upserted?: ConversationSummary; removedId?: string }> = []
    deps.store.onChange((change) => changes.push(change))
    const { id } = await deps.handlers['conversations:create'](undefined)
    await deps.store.appendUserMessage(id, userMessage('hello'))

    await deps.handlers['conversations:delete']({ id })

    expect(await deps.handlers['conversations:list'](undefined)).toEqual([])
    await expect(deps.handlers['conversations:get']({ id })).rejects.toMatchObject({ error: { kind: 'not-found' } })
    expect(changes.map((change) => (change.removedId ? 'removed' : change.upserted?.messageCount))).toEqual([
      0,
      1,
      'removed',
    ])
  })

  it('pins a conversation to the top of the list', async () => {
    const { handlers } = await storage()
    const first = await handlers['conversations:create'](undefined)
    await handlers['conversations:create'](undefined)
    await handlers['conversations:pin']({ id: first.id, pinned: true })
    expect((await handlers['conversations:list'](undefined))[0]).toMatchObject({ id: first.id, pinned: true })
  })

  it('hands the export to the page for download in the web harness', async () => {
    const { handlers } = await storage()
    const { id } = await handlers['conversations:create'](undefined)
    expect(await handlers['conversations:export']({ id, format: 'json' })).toMatchObject({
      filename: 'New chat.json',
      mimeType: 'application/json',
      content: expect.stringContaining('"format": "codex-desk.conversation"'),
    })
  })

  it('saves the export through the save dialog in Electron', async () => {
    const saved: string[] = []
    const { handlers } = await storage({
      saveFile: async (name, content) => {
        saved.push(content)
        return `/home/me/${name}`
      },
    })
    const { id } = await handlers['conversations:create'](undefined)
    const result = await handlers['conversations:export']({ id, format: 'markdown' })
    expect(result).toEqual({ filename: 'New chat.md', savedTo: '/home/me/New chat.md', mimeType: 'text/markdown' })
    expect(saved).toEqual(['# New chat\n'])
  })

  it('never turns a conversation id into a path outside the conversations folder', async () => {
    const { handlers } = await storage()
    await expect(handlers['conversations:get']({ id: '../../etc/passwd' })).rejects.toMatchObject({
      error: { kind: 'not-found' },
    })
  })
})

describe('streaming answers', () => {
  it('shows an answer cut off by a quit as interrupted, not as still streaming', async () => {
    const dataDir = await tempDataDir()
    const deps = { dataDir, modelFor: () => ({ model: 'gpt-5.4', effort: null }) }
    const first = await openStorage(deps)
    const { id } = await first.store.create({ model: 'gpt-5.4', effort: null, workspace: null })
    const partial = { ...userMessage('Once upon'), role: 'assistant' as const, state: 'streaming' as const }
    await first.store.recordAssistantMessage(id, partial)
    expect((await first.store.get(id)).messages[0].state).toBe('streaming')
    await first.dispose()

    const second = await openStorage(deps)
    opened.push(second)
    expect((await second.store.get(id)).messages[0]).toMatchObject({
      parts: partial.parts,
      state: 'error',
      error: { kind: 'stream-cut' },
    })
  })

  // The clock stands still unless a test moves it: how many writes happen depends on time passed, never on load.
  it('writes a streaming answer at most once a second, and its final state at once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { store } = await storage()
    const { id } = await store.create({ model: 'gpt-5.4', effort: null, workspace: null })
    const writes: string[] = []
    store.onChange((change) => writes.push(change.upserted?.preview ?? ''))
    const base = { ...userMessage(''), role: 'assistant' as const }
    const streaming = (text: string) =>
      store.recordAssistantMessage(id, { ...base, parts: [{ kind: 'text', text }], state: 'streaming' })
    for (let i = 1; i <= 50; i++) await streaming('x'.repeat(i))
    vi.setSystemTime(Date.now() + 1_000)
    await streaming('a second later')
    await store.recordAssistantMessage(id, { ...base, parts: [{ kind: 'text', text: 'done' }], state: 'done' })

    expect(writes).toEqual(['x', 'a second later', 'done'])
    expect((await store.get(id)).messages).toEqual([
      { ...base, parts: [{ kind: 'text', text: 'done' }], state: 'done' },
    ])
  })
})
