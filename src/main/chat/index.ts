import { randomUUID } from 'node:crypto'
import type { ChatMessage, Conversation, ModelSpec } from '../../shared/domain'
import { fail } from '../../shared/errors'
import { type ModelChoice, newConversationChoice } from '../../shared/model-policy'
import type { Capability } from '../capability'
import { clientIdentity } from '../client-identity'
import { createCodexClient } from '../codex/client'
import type { CodexClient } from '../codex/types'
import type { ServiceEnv } from '../config'
import type { EventSink } from '../ipc/event-hub'
import { createModelCache } from '../models/model-cache'
import { type AccountFeed, createModelList, type ModelListClock } from '../models/model-list'
import type { Platform } from '../platform/types'
import type { ConversationStore, SettingsService, TokenProvider } from '../ports'
import { createToolRegistry, type ToolRegistry } from '../tools'
import { createActiveTurns } from './active-turns'
import { moveOffRetiredModel } from './model-move'
import { planTurn } from './turn-plan'
import { runTurn, type TurnPlan } from './turn-runner'
import { createUsageMeter } from './usage-meter'

export type ChatChannels =
  | 'chat:send'
  | 'chat:stop'
  | 'chat:regenerate'
  | 'chat:retry'
  | 'chat:retry-now'
  | 'chat:edit'
  | 'tools:decide'
  | 'models:list'
  | 'usage:get'

export interface ChatDeps {
  platform: Platform
  env: ServiceEnv
  events: EventSink
  settings: SettingsService
  store: ConversationStore
  tokens: TokenProvider
  /** Whose model list to fetch, and when: it is fetched whenever an account becomes signed in. */
  accounts: AccountFeed
  /** Time for the model list's hourly refresh (tests move it). */
  clock?: ModelListClock
  log?(message: string): void
  /** Replaces the real Codex client (tests). */
  client?: CodexClient
  /** Replaces the built-in tools (tests). */
  tools?: ToolRegistry
}

export interface Chat extends Capability<ChatChannels> {
  /** Loads the signed-in account's cached model list and starts fetching the current one. */
  start(): Promise<void>
  /**
   * The model and effort a new conversation gets: the ones asked for (effort clamped), else the last used while
   * it is served, else the first model the list names. Waits for a fetch in flight (just signed in), so a chat
   * started right after sign-in starts on the account's list.
   */
  modelFor(requested: Partial<ModelChoice>): Promise<ModelChoice>
  /**
   * The stored conversation with the answer being written as it stands now: the store checkpoints a streaming
   * answer only now and then, and the renderer continues from the snapshot with the deltas that follow it.
   */
  withLiveMessage(conversation: Conversation): Conversation
}

interface ReadyToPlan {
  conversation: Conversation
  models: readonly ModelSpec[]
}

function userMessage(text: string): ChatMessage {
  return { id: randomUUID(), role: 'user', createdAt: Date.now(), parts: [{ kind: 'text', text }], state: 'done' }
}

export function createChat(deps: ChatDeps): Chat {
  const { events, settings, store } = deps
  const log = deps.log ?? (() => {})
  const client =
    deps.client ??
    createCodexClient({
      baseUrl: deps.env.baseUrl,
      tokens: deps.tokens,
      identity: clientIdentity(deps.env.originator, deps.platform.appVersion),
      settings: () => settings.get(),
      log,
    })
  const tools = deps.tools ?? createToolRegistry()
  const usage = createUsageMeter()
  const liveMessages = new Map<string, ChatMessage>()
  usage.onChange((limits) => events.emit('usage:changed', limits))

  const models = createModelList({
    fetchList: (signal) => client.listModels({ signal }),
    cache: createModelCache(deps.platform.dataDir, log),
    accounts: deps.accounts,
    onChange: (list) => events.emit('models:changed', list),
    clock: deps.clock,
    log,
  })
  const remembered = (): Partial<ModelChoice> => {
    const { lastModel, lastEffort } = settings.get()
    return lastModel ? { model: lastModel, effort: lastEffort } : {}
  }

  const turns = createActiveTurns(
    (plan, control) =>
      runTurn(
        {
          client,
          tools,
          store,
          log,
          emit: (event) => events.emit('chat:event', event),
          onUsageLimits: usage.update,
          onLiveMessage(conversationId, message) {
            if (message) liveMessages.set(conversationId, message)
            else liveMessages.delete(conversationId)
          },
        },
        plan,
        control,
      ),
    log,
  )

  /** The conversation on a model the current list serves (moved, with a note, if it had to be) and that list. */
  async function onServedModel(conversation: Conversation): Promise<ReadyToPlan> {
    const list = await models.settled()
    const moved = await moveOffRetiredModel(
      { store, emit: (event) => events.emit('chat:event', event) },
      conversation,
      list,
      remembered(),
    )
    return { conversation: moved, models: list }
  }

  function plan({ conversation, models }: ReadyToPlan, history: ChatMessage[], added?: ChatMessage): TurnPlan {
    return planTurn({ conversation, history, userMessage: added, settings: settings.get(), models, tools })
  }

  /** Sends a user message (new or edited) after the given history; it is on disk before the request leaves. */
  async function send(conversation: Conversation, before: ChatMessage[], text: string): Promise<TurnPlan> {
    const ready = await onServedModel(conversation)
    const message = userMessage(text)
    await store.appendUserMessage(conversation.id, message)
    settings.update({ lastModel: ready.conversation.model, lastEffort: ready.conversation.effort })
    return plan(ready, [...before, message], message)
  }

  /** Answers the last user message again, dropping the answer it has (retry after an error, regenerate). */
  async function answerAgain(conversationId: string): Promise<TurnPlan> {
    const conversation = await store.get(conversationId)
    const history = conversation.messages.slice()
    const last = history.at(-1)
    if (last?.role === 'assistant') {
      await store.truncateFrom(conversationId, last.id)
      history.pop()
    }
    if (history.at(-1)?.role !== 'user') fail('not-found', 'There is no message to answer in this conversation.')
    return plan(await onServedModel(conversation), history)
  }

  return {
    withLiveMessage(conversation) {
      const live = liveMessages.get(conversation.id)
      if (!live) return conversation
      const index = conversation.messages.findIndex((message) => message.id === live.id)
      // Not stored yet when the turn has only just started: it follows the user's message it answers.
      const messages = index >= 0 ? conversation.messages.with(index, live) : [...conversation.messages, live]
      return { ...conversation, messages }
    },
    start: () => models.start(),
    modelFor: async (requested) => newConversationChoice(await models.settled(), requested, remembered()),
    handlers: {
      'chat:send': ({ conversationId, text }) =>
        turns.begin(conversationId, async () => {
          const conversation = await store.get(conversationId)
          return send(conversation, conversation.messages, text)
        }),
      'chat:edit': ({ conversationId, messageId, text }) =>
        turns.begin(conversationId, async () => {
          const conversation = await store.get(conversationId)
          const index = conversation.messages.findIndex((message) => message.id === messageId)
          if (conversation.messages[index]?.role !== 'user')
            fail('not-found', 'That message is not in this conversation.')
          await store.truncateFrom(conversationId, messageId)
          return send(conversation, conversation.messages.slice(0, index), text)
        }),
      'chat:retry': ({ conversationId }) => turns.begin(conversationId, () => answerAgain(conversationId)),
      'chat:regenerate': ({ conversationId }) => turns.begin(conversationId, () => answerAgain(conversationId)),
      'chat:retry-now': ({ conversationId }) => turns.retryNow(conversationId),
      'chat:stop': ({ conversationId }) => turns.stop(conversationId),
      'tools:decide': ({ conversationId, callId, decision }) => turns.decide(conversationId, callId, decision),
      'models:list': () => models.current(),
      'usage:get': () => usage.current(),
    },
    async dispose() {
      models.dispose()
      await turns.stopAll()
    },
  }
}
