import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { type FakeCodex, startFakeCodex } from '../../../../src/fake-codex/server'
import type { Clock } from '../../../../src/main/clock'
import type { InputItem } from '../../../../src/main/codex/types'
import type { AccessCredentials, TokenProvider } from '../../../../src/main/ports'
import { openConversationStore } from '../../../../src/main/storage'
import type { ToolRegistry } from '../../../../src/main/tools'
import type { AccountState, Settings } from '../../../../src/shared/domain'
import { createChatHarness } from './harness'

const account = { email: 'tester@example.com', accountId: 'acct_test', plan: 'plus' }
const credentials: AccessCredentials = { accessToken: 'test-access-token', accountId: account.accountId }

export interface SetupOptions {
  tools?: ToolRegistry
  settings?: Partial<Settings>
  /** Runs just before each request leaves (when the client asks for credentials). */
  beforeRequest?(): Promise<void>
  /** Default: signed in as the account whose token the fake accepts. */
  account?: AccountState
  clock?: Clock
  /** Where the Electron shell's save dialog would have an export written. */
  chooseSaveLocation?(suggestedName: string): Promise<string | null>
  /** Runs before the chat starts, e.g. to seed a cached model list or change the fake's. */
  prepare?(dataDir: string, fake: FakeCodex): Promise<void>
}

/**
 * The chat capability against the fake Codex backend over real HTTP and the real conversation storage in a temp
 * folder, with one fresh conversation. Everything is closed and removed when the test ends.
 */
export async function setupChat(options: SetupOptions = {}) {
  const fake = await startFakeCodex()
  fake.responses.acceptToken(credentials.accessToken, account)
  const dataDir = await mkdtemp(join(tmpdir(), 'codex-desk-chat-'))
  await options.prepare?.(dataDir, fake)
  const store = await openConversationStore({ dataDir })
  const tokens: TokenProvider = {
    async getCredentials() {
      await options.beforeRequest?.()
      return credentials
    },
    refreshAfterUnauthorized: async () => credentials,
  }
  const harness = createChatHarness({
    baseUrl: fake.baseUrl,
    tokens,
    store,
    tools: options.tools,
    dataDir,
    account: options.account,
    clock: options.clock,
    chooseSaveLocation: options.chooseSaveLocation,
    // Retries are exercised in the client's own tests; here they only need to be quick.
    settings: { retryBaseDelayMs: 1, ...options.settings },
  })
  await harness.start()
  // As the app does: a new conversation starts in the workspace last chosen.
  const { id } = await store.create({
    model: 'gpt-5.4',
    effort: 'medium',
    workspace: options.settings?.workspace ?? null,
  })
  onTestFinished(async () => {
    await harness.dispose()
    await fake.close()
    await store.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  /** Sends a message and resolves with the finished answer. */
  async function ask(text: string) {
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text })
    return finished
  }
  /** The `input` of each `/responses` request the fake received. */
  const inputs = () => fake.responses.requests.map((request) => (request.body as { input: InputItem[] }).input)
  return { fake, store, dataDir, harness, id, ask, inputs }
}
