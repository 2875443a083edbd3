import { randomUUID } from 'node:crypto'
import type { ChatMessage, Conversation, ModelSpec, ReasoningEffort } from '../../shared/domain'
import { fail } from '../../shared/errors'
import { FALLBACK_DEFAULT_MODEL, findBuiltinModel } from '../../shared/models'
import type { Capability } from '../capability'
import { clientIdentity } from '../client-identity'
import { createCodexClient } from '../codex/client'
import type { CodexClient } from '../codex/types'
import type { ServiceEnv } from '../config'
import type { EventSink } from '../ipc/event-hub'
import type { Platform } from '../platform/types'
import type { ConversationStore, SettingsService, TokenProvider } from '../ports'
import { createToolRegistry, type ToolRegistry } from '../tools'
import { createActiveTurns } from './active-turns'
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
  log?(message: string): void
  /** Replaces the real Codex client (tests). */
  client?: CodexClient
  /** Replaces the built-in tools (tests). */
  tools?: ToolRegistry
}

export interface Chat extends Capability<ChatChannels> {
  /** The model and effort a new conversation gets: last used, else the backend's first listed model. */
  defaultModel(): { model: string; effort: ReasoningEffort | null }
  /**
   * The stored conversation with the answer being written as it stands now: the store checkpoints a streaming
   * answer only now and then, and the renderer continues from the snapshot with the deltas that follow it.
   */
  withLiveMessage(conversation: Conversation): Conversation
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

  let lastModels: ModelSpec[] | undefined
  async function listModels(refresh = false): Promise<ModelSpec[]> {
    const models = await client.listModels({ refresh })
    lastModels = models
    return models
  }
  /** A turn needs the model's efforts; an unreachable `/models` must not stop it (the built-ins cover it). */
  async function knownModels(): Promise<ModelSpec[]> {
    if (lastModels) return lastModels
    try {
      return await listModels()
    } catch (error) {
      log(`Could not list models: ${error instanceof Error ? error.message : String(error)}`)
      return []
    }
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

  async function plan(conversation: Conversation, history: ChatMessage[], added?: ChatMessage): Promise<TurnPlan> {
    return planTurn({
      conversation,
      history,
      userMessage: added,
      settings: settings.get(),
      models: await knownModels(),
      tools,
    })
  }

  /** Sends a user message (new or edited) after the given history; it is on disk before the request leaves. */
  async function send(conversation: Conversation, before: ChatMessage[], text: string): Promise<TurnPlan> {
    const message = userMessage(text)
    await store.appendUserMessage(conversation.id, message)
    settings.update({ lastModel: conversation.model, lastEffort: conversation.effort })
    return plan(conversation, [...before, message], message)
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
    return plan(conversation, history)
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
    defaultModel() {
      const { lastModel, lastEffort } = settings.get()
      if (lastModel) return { model: lastModel, effort: lastEffort }
      // The backend's first listed model; the built-in registry's order says nothing about what this account has.
      const first = lastModels?.find((model) => model.source === 'backend')
      if (first) return { model: first.id, effort: first.defaultEffort ?? null }
      return { model: FALLBACK_DEFAULT_MODEL, effort: findBuiltinModel(FALLBACK_DEFAULT_MODEL)?.defaultEffort ?? null }
    },
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
      'models:list': (input) => listModels(input?.refresh),
      'usage:get': () => usage.current(),
    },
    dispose: () => turns.stopAll(),
  }
}
