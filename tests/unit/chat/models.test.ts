import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultModelCatalog } from '../../../src/fake-codex/models-catalog'
import { MODELS_REFRESH_MS } from '../../../src/main/models/model-list'
import type { AccountState, ChatEvent, ModelSpec } from '../../../src/shared/domain'
import { BUILTIN_MODELS } from '../../../src/shared/models'
import { steppedClock } from '../../support/stepped-clock'
import { setupChat } from './support/setup'

const SIGNED_IN: AccountState = { status: 'signed-in', accountId: 'acct_test', tokenStorage: 'memory' }
const SIGNED_OUT: AccountState = { status: 'signed-out', tokenStorage: 'memory' }

/** A gate the model fetch waits at (it asks for credentials first), so a test can look before it returns. */
function gate() {
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { wait: () => opened, open: () => open() }
}

const cachedList: ModelSpec[] = [
  { ...BUILTIN_MODELS[4], id: 'gpt-5.4', displayName: 'GPT-5.4 (cached)', source: 'backend' },
]

async function writeCache(dataDir: string, accountId: string, content: string): Promise<void> {
  await mkdir(join(dataDir, 'models'), { recursive: true })
  await writeFile(join(dataDir, 'models', `${accountId}.json`), content)
}

const ids = (models: readonly ModelSpec[]) => models.map((model) => model.id)

describe('the model list follows the sign-in', () => {
  it("fetches the account's models at start-up while signed in and announces them", async () => {
    const { fake, harness } = await setupChat()
    await harness.waitUntil(() => harness.modelEvents.length > 0)

    expect(fake.responses.modelRequests).toHaveLength(1)
    expect(ids(harness.modelEvents[0])[0]).toBe('gpt-5.6-sol')
    expect(await harness.call('models:list', undefined)).toEqual(harness.modelEvents[0])
  })

  it('offers the built-in registry when signed out, without asking the backend', async () => {
    const { fake, harness } = await setupChat({ account: SIGNED_OUT })

    expect(await harness.call('models:list', undefined)).toEqual(BUILTIN_MODELS)
    expect(fake.responses.modelRequests).toHaveLength(0)
  })

  it('fetches the list when the user signs in', async () => {
    const { fake, harness } = await setupChat({ account: SIGNED_OUT })

    harness.accounts.change(SIGNED_IN)
    await harness.waitUntil(() => harness.modelEvents.length > 0)

    expect(fake.responses.modelRequests).toHaveLength(1)
    expect(harness.modelEvents[0].every((model) => model.source === 'backend')).toBe(true)
  })

  it('fetches again when the account changes, and not when the same account refreshes its token', async () => {
    const { fake, harness } = await setupChat()
    await harness.waitUntil(() => harness.modelEvents.length > 0)

    // The other account is served another list, so its arrival shows (whether or not the built-in list, its
    // stand-in while no cache exists, was announced before the fetch answered).
    const otherList = defaultModelCatalog().filter((model) => model.slug !== 'gpt-5.4-mini')
    fake.responses.setModels(otherList)

    harness.accounts.change({ ...SIGNED_IN, expiresAt: 123 })
    harness.accounts.change({ ...SIGNED_IN, accountId: 'acct_other' })
    const otherIds = otherList.filter((model) => model.visibility === 'list').map((model) => model.slug)
    await harness.waitUntil(() => {
      const last = harness.modelEvents.at(-1)
      return last !== undefined && JSON.stringify(ids(last)) === JSON.stringify(otherIds)
    })

    expect(fake.responses.modelRequests).toHaveLength(2)
  })

  it('goes back to the built-in registry when the user signs out', async () => {
    const { harness } = await setupChat()
    await harness.waitUntil(() => harness.modelEvents.length > 0)

    harness.accounts.change(SIGNED_OUT)

    expect(harness.modelEvents.at(-1)).toEqual(BUILTIN_MODELS)
  })

  it('refreshes the list hourly, not sooner', async () => {
    const time = steppedClock(1_000_000)
    const { fake, harness, ask } = await setupChat({ clock: time.clock })
    await harness.waitUntil(() => harness.modelEvents.length === 1)
    fake.responses.setModels(defaultModelCatalog().filter((model) => model.slug !== 'gpt-5.4-mini'))

    time.advance(MODELS_REFRESH_MS - 1)
    await ask('Hi')
    expect(fake.responses.modelRequests).toHaveLength(1)

    time.advance(1)
    await harness.waitUntil(() => harness.modelEvents.length === 2)
    expect(fake.responses.modelRequests).toHaveLength(2)
    expect(ids(harness.modelEvents[1])).not.toContain('gpt-5.4-mini')
  })

  it('refreshes a list older than an hour before the next request is planned', async () => {
    let now = 1_000_000
    // A machine that slept through the hour: the refresh timer never ran.
    const { fake, harness, ask } = await setupChat({ clock: { now: () => now, schedule: () => () => {} } })
    await harness.waitUntil(() => harness.modelEvents.length === 1)
    fake.responses.setModels(defaultModelCatalog().filter((model) => model.slug !== 'gpt-5.4'))
    now += MODELS_REFRESH_MS

    const answer = await ask('Hi')

    expect(fake.responses.modelRequests).toHaveLength(2)
    expect(answer.model).toBe('gpt-5.6-sol')
  })

  it("uses the account's cached list at start, before the fetch returns", async () => {
    const held = gate()
    const { harness } = await setupChat({
      beforeRequest: held.wait,
      prepare: (dataDir) =>
        writeCache(
          dataDir,
          'acct_test',
          JSON.stringify({ version: 1, accountId: 'acct_test', savedAt: 1, models: cachedList }),
        ),
    })

    expect(await harness.call('models:list', undefined)).toEqual(cachedList)

    held.open()
    await harness.waitUntil(() => harness.modelEvents.length > 1)
    expect(ids(await harness.call('models:list', undefined))[0]).toBe('gpt-5.6-sol')
  })

  it('ignores a damaged cache file', async () => {
    const held = gate()
    const { harness } = await setupChat({
      beforeRequest: held.wait,
      prepare: (dataDir) => writeCache(dataDir, 'acct_test', '{"version":1,"models":[{"id":'),
    })

    expect(await harness.call('models:list', undefined)).toEqual(BUILTIN_MODELS)
    held.open()
  })

  it("keeps the fetched list in the account's cache file", async () => {
    const { dataDir, harness } = await setupChat()
    await harness.waitUntil(() => harness.modelEvents.length > 0)
    await harness.dispose()

    const saved = JSON.parse(await readFile(join(dataDir, 'models', 'acct_test.json'), 'utf8'))
    expect(saved).toMatchObject({ version: 1, accountId: 'acct_test', models: harness.modelEvents[0] })
  })
})

describe('which model a chat uses', () => {
  it('starts new chats on the first model the backend lists', async () => {
    const { harness } = await setupChat()
    await harness.waitUntil(() => harness.modelEvents.length > 0)

    expect(await harness.newChatModel()).toEqual({ model: 'gpt-5.6-sol', effort: 'medium' })
  })

  it('starts new chats on the last used model only while it is served', async () => {
    const { harness } = await setupChat({ settings: { lastModel: 'gpt-4.1', lastEffort: null } })
    await harness.waitUntil(() => harness.modelEvents.length > 0)
    expect(await harness.newChatModel()).toEqual({ model: 'gpt-5.6-sol', effort: 'medium' })

    harness.settings.update({ lastModel: 'gpt-5.4-mini', lastEffort: 'high' })
    expect(await harness.newChatModel()).toEqual({ model: 'gpt-5.4-mini', effort: 'high' })
  })

  it('remembers the model of each send, and leaves the settings alone when it is already the last one used', async () => {
    const { fake, harness, ask } = await setupChat()
    const changes: Array<{ lastModel: string | null; lastEffort: string | null }> = []
    harness.settings.onChange(({ lastModel, lastEffort }) => changes.push({ lastModel, lastEffort }))
    fake.responses.enqueue({ kind: 'text', text: 'One.' }, { kind: 'text', text: 'Two.' })

    await ask('First')
    await ask('Second')

    expect(changes).toEqual([{ lastModel: 'gpt-5.4', lastEffort: 'medium' }])
  })

  it('moves a conversation on a retired model to the default, with a note, before the request is sent', async () => {
    const { fake, store, harness } = await setupChat()
    await harness.waitUntil(() => harness.modelEvents.length > 0)
    const { id } = await store.create({ model: 'gpt-4.1', effort: null, workspace: null })
    const finished = harness.nextFinished(id)

    await harness.call('chat:send', { conversationId: id, text: 'Hi' })

    expect(await finished).toMatchObject({ state: 'done', model: 'gpt-5.6-sol' })
    expect(fake.responses.requests.map((request) => (request.body as { model: string }).model)).toEqual(['gpt-5.6-sol'])
    const stored = await store.get(id)
    expect(stored).toMatchObject({ model: 'gpt-5.6-sol', effort: 'medium' })
    expect(stored.notes).toEqual([
      { kind: 'model-retired', at: expect.any(Number), afterMessageId: null, from: 'gpt-4.1', to: 'gpt-5.6-sol' },
    ])
    const kinds = harness.chatEvents.filter((event) => event.conversationId === id).map((event) => event.type)
    expect(kinds.indexOf('note-added')).toBeLessThan(kinds.indexOf('turn-started'))
    expect(
      harness.chatEvents.find(
        (event): event is Extract<ChatEvent, { type: 'note-added' }> => event.type === 'note-added',
      )?.note,
    ).toEqual(stored.notes?.[0])
  })

  it('does not move a conversation on the built-in list alone: the backend says what it serves', async () => {
    const { fake, store, harness } = await setupChat({ account: SIGNED_OUT })
    const { id } = await store.create({ model: 'gpt-4.1', effort: null, workspace: null })
    const finished = harness.nextFinished(id)

    await harness.call('chat:send', { conversationId: id, text: 'Hi' })

    expect(await finished).toMatchObject({
      state: 'error',
      error: { kind: 'model-rejected', message: expect.stringContaining('gpt-4.1') },
    })
    expect((await store.get(id)).notes).toEqual([])
    expect(fake.responses.requests).toHaveLength(1)
  })
})
