import { type Chat, type ChatChannels, createChat } from '../../../../src/main/chat'
import type { EventSink } from '../../../../src/main/ipc/event-hub'
import type { AccountFeed, ModelListClock } from '../../../../src/main/models/model-list'
import type { Platform } from '../../../../src/main/platform/types'
import type { ConversationStore, TokenProvider } from '../../../../src/main/ports'
import { createSettingsService } from '../../../../src/main/settings/settings-service'
import type { ToolRegistry } from '../../../../src/main/tools'
import type {
  AccountState,
  ChatEvent,
  ChatMessage,
  ModelSpec,
  Settings,
  UsageLimits,
} from '../../../../src/shared/domain'
import type { RequestOutput, ValidInput } from '../../../../src/shared/ipc-contract'

export interface HarnessOptions {
  baseUrl: string
  tokens: TokenProvider
  store: ConversationStore
  tools?: ToolRegistry
  settings?: Partial<Settings>
  /** Where the model list is cached. */
  dataDir: string
  /** The signed-in account; default: signed in as the account whose token the fake accepts. */
  account?: AccountState
  clock?: ModelListClock
}

/** An account feed the test drives: `change` plays a sign-in, sign-out or switch of account. */
export function accountFeed(initial: AccountState) {
  let current = initial
  const listeners = new Set<(account: AccountState) => void>()
  const feed: AccountFeed = {
    current: () => current,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    feed,
    change(next: AccountState) {
      current = next
      for (const listener of listeners) listener(next)
    },
  }
}

function memoryConfig() {
  const values = new Map<string, unknown>()
  return {
    get: (key: string) => values.get(key),
    set: (key: string, value: unknown) => void values.set(key, value),
    delete: (key: string) => void values.delete(key),
  }
}

/** The chat capability wired as services.ts wires it (real Codex client), with the events it pushes collected. */
export function createChatHarness(options: HarnessOptions) {
  const chatEvents: ChatEvent[] = []
  const usageEvents: UsageLimits[] = []
  const modelEvents: ModelSpec[][] = []
  const waiters = new Set<() => void>()
  const events: EventSink = {
    emit(event, payload) {
      if (event === 'chat:event') chatEvents.push(payload as ChatEvent)
      if (event === 'usage:changed') usageEvents.push(payload as UsageLimits)
      if (event === 'models:changed') modelEvents.push(payload as ModelSpec[])
      for (const wake of waiters) wake()
    },
  }
  const accounts = accountFeed(
    options.account ?? {
      status: 'signed-in',
      accountId: 'acct_test',
      email: 'tester@example.com',
      tokenStorage: 'memory',
    },
  )
  const settings = createSettingsService(memoryConfig())
  if (options.settings) settings.update(options.settings)
  const platform: Platform = {
    shell: 'web',
    appVersion: '0.0.0-test',
    dataDir: options.dataDir,
    secretBox: { isAvailable: () => false, encrypt: () => Buffer.alloc(0), decrypt: () => '' },
    config: memoryConfig(),
    desktop: { openExternal: async () => {}, openPath: async () => {} },
  }
  const chat: Chat = createChat({
    platform,
    env: { baseUrl: options.baseUrl, issuer: 'http://127.0.0.1:9', oauthPort: 1455, originator: 'codex_desk' },
    events,
    settings,
    store: options.store,
    tokens: options.tokens,
    accounts: accounts.feed,
    clock: options.clock,
    tools: options.tools,
  })

  function call<C extends ChatChannels>(channel: C, input: ValidInput<C>): Promise<RequestOutput<C>> {
    const handler = chat.handlers[channel] as (input: ValidInput<C>) => Promise<RequestOutput<C>> | RequestOutput<C>
    return Promise.resolve().then(() => handler(input))
  }

  /** Resolves with the first chat event (from `since` on) that matches. */
  function waitForEvent<T extends ChatEvent>(match: (event: ChatEvent) => event is T, since = 0): Promise<T> {
    return new Promise((resolve) => {
      const check = () => {
        const found = chatEvents.slice(since).find(match)
        if (!found) return
        waiters.delete(check)
        resolve(found)
      }
      waiters.add(check)
      check()
    })
  }

  /** The message of the next `turn-finished` in the conversation, counting from now. */
  function nextFinished(conversationId: string): Promise<ChatMessage> {
    const since = chatEvents.length
    return waitForEvent(
      (event): event is Extract<ChatEvent, { type: 'turn-finished' }> =>
        event.type === 'turn-finished' && event.conversationId === conversationId,
      since,
    ).then((event) => event.message)
  }

  /** Resolves once a harness event matches (events so far included). */
  function waitUntil(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return
        waiters.delete(check)
        resolve()
      }
      waiters.add(check)
      check()
    })
  }

  return { chat, call, settings, accounts, chatEvents, usageEvents, modelEvents, waitForEvent, waitUntil, nextFinished }
}
