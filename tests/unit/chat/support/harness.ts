import { clientIdentity } from '../../../../src/main/client-identity'
import type { Clock } from '../../../../src/main/clock'
import { createCodexClient } from '../../../../src/main/codex/client'
import { createConversationService } from '../../../../src/main/conversations'
import type { Handler, Handlers } from '../../../../src/main/ipc/dispatcher'
import { EventHub } from '../../../../src/main/ipc/event-hub'
import { createModelCache } from '../../../../src/main/models/model-cache'
import { type AccountFeed, createModelList } from '../../../../src/main/models/model-list'
import type { ConversationStore, TokenProvider } from '../../../../src/main/ports'
import { createSettingsService } from '../../../../src/main/settings/settings-service'
import { createToolRegistry, type ToolRegistry } from '../../../../src/main/tools'
import { createUsageMeter } from '../../../../src/main/usage-meter'
import { chatReducer, emptyThread } from '../../../../src/renderer/src/chat/chat-reducer'
import type {
  AccountState,
  ChatEvent,
  ChatMessage,
  ModelSpec,
  Settings,
  UsageLimits,
} from '../../../../src/shared/domain'
import type { ChatChannel, ConversationChannel, RequestOutput, ValidInput } from '../../../../src/shared/ipc-contract'

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
  clock?: Clock
  chooseSaveLocation?(suggestedName: string): Promise<string | null>
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

/** The conversation service wired as services.ts wires it (real Codex client), with the events it pushes collected. */
export function createChatHarness(options: HarnessOptions) {
  const chatEvents: ChatEvent[] = []
  const usageEvents: UsageLimits[] = []
  const modelEvents: ModelSpec[][] = []
  const busyChanges: Array<{ id: string; busy: boolean }> = []
  const titleChanges: Array<{ id: string; title: string }> = []
  const waiters = new Set<() => void>()
  const events = new EventHub()
  /** The number main gave each chat event, in the order they came. */
  const sequence: Array<{ conversationId: string; seq: number }> = []
  events.on('chat:event', (event) => {
    chatEvents.push(event)
    sequence.push({ conversationId: event.conversationId, seq: event.seq })
  })
  events.on('usage:changed', (limits) => usageEvents.push(limits))
  events.on('models:changed', (list) => modelEvents.push(list))
  events.on('conversations:changed', ({ upserted }) => {
    if (!upserted) return
    busyChanges.push({ id: upserted.id, busy: upserted.busy ?? false })
    titleChanges.push({ id: upserted.id, title: upserted.title })
  })
  // After the collectors above: a waiter looks at what they collected.
  events.subscribe(() => {
    for (const wake of waiters) wake()
  })
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
  const client = createCodexClient({
    baseUrl: options.baseUrl,
    tokens: options.tokens,
    identity: clientIdentity('codex_desk', '0.0.0-test'),
    settings: () => settings.get(),
    log: () => {},
  })
  const usage = createUsageMeter()
  usage.onChange((limits) => events.emit('usage:changed', limits))
  const models = createModelList({
    fetchList: (signal) => client.listModels({ signal }),
    cache: createModelCache(options.dataDir, () => {}),
    accounts: accounts.feed,
    onChange: (list) => events.emit('models:changed', list),
    clock: options.clock,
  })
  const service = createConversationService({
    store: options.store,
    client,
    models,
    tools: options.tools ?? createToolRegistry(),
    events,
    settings,
    onUsageLimits: usage.update,
    chooseSaveLocation: options.chooseSaveLocation,
    log: () => {},
  })
  const handlers: Pick<Handlers, ChatChannel | ConversationChannel | 'models:list' | 'usage:get'> = {
    ...service.handlers,
    'models:list': () => models.current(),
    'usage:get': () => usage.current(),
  }

  type Served = keyof typeof handlers
  function call<C extends Served>(channel: C, input: ValidInput<C>): Promise<RequestOutput<C>> {
    const handler: Handler<C> = handlers[channel]
    return Promise.resolve().then(() => handler(input))
  }

  /** The model and effort main gives a new chat the user did not choose one for. */
  async function newChatModel(): Promise<{ model: string; effort: string | null }> {
    const { model, effort } = await call('conversations:create', undefined)
    return { model, effort }
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

  /**
   * The latest answer's text as a renderer that applied every chat event so far shows it. Main merges deltas that
   * arrive close together, so tests wait for the text they need rather than for a number of events.
   */
  function shownAnswerText(conversationId: string): string {
    const thread = chatEvents.reduce(chatReducer, emptyThread(conversationId))
    return (thread.messages.at(-1)?.parts ?? []).map((part) => (part.kind === 'text' ? part.text : '')).join('')
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

  return {
    /** The parts the service is made of, for tests of one of its modules with the same real pieces. */
    client,
    models,
    start: () => models.start(),
    async dispose() {
      await service.dispose()
      models.dispose()
    },
    call,
    events,
    newChatModel,
    settings,
    accounts,
    chatEvents,
    sequence,
    usageEvents,
    modelEvents,
    busyChanges,
    /** Every title the conversation was announced with, in order. */
    titles: (id: string) => titleChanges.filter((change) => change.id === id).map((change) => change.title),
    waitForEvent,
    waitUntil,
    shownAnswerText,
    nextFinished,
  }
}
