import { randomUUID } from 'node:crypto'
import type { ChatEvent, ChatMessage, ModelSpec, ReadonlyConversation, ReadonlyMessage } from '../../shared/domain'
import { fail } from '../../shared/errors'
import type { ModelChoice } from '../../shared/model-policy'
import { moveOffRetiredModel } from '../chat/model-move'
import { planTurn } from '../chat/turn-plan'
import type { TurnPlan } from '../chat/turn-runner'
import type { ModelList } from '../models/model-list'
import type { ConversationStore, SettingsService } from '../ports'
import type { ToolRegistry } from '../tools'

export interface PreparationDeps {
  store: ConversationStore
  models: ModelList
  settings: SettingsService
  tools: ToolRegistry
  publish(event: ChatEvent): void
  /** The model and effort the user last chose, for a conversation moved off a retired model. */
  remembered(): Partial<ModelChoice>
  /** Keeps "Always allow" for a tool with the conversation. */
  allowAlways(conversationId: string, toolName: string): Promise<void>
}

export interface TurnPreparation {
  /** Stores the user's message after the conversation's messages and plans the answer to it. */
  send(conversationId: string, text: string): Promise<TurnPlan>
  /** Drops `messageId` (a user message) and what follows it, then sends `text` in its place. */
  edit(conversationId: string, messageId: string, text: string): Promise<TurnPlan>
  /** Answers the last user message again, dropping the answer it has (retry after an error, regenerate). */
  answerAgain(conversationId: string): Promise<TurnPlan>
}

interface ReadyToPlan {
  conversation: ReadonlyConversation
  models: readonly ModelSpec[]
}

function userMessage(text: string): ChatMessage {
  return { id: randomUUID(), role: 'user', createdAt: Date.now(), parts: [{ kind: 'text', text }], state: 'done' }
}

/** What happens before a turn's request leaves: the conversation's changes on disk, and the request planned. */
export function createTurnPreparation(deps: PreparationDeps): TurnPreparation {
  const { store, settings } = deps

  /** The conversation on a model the current list serves (moved, with a note, if it had to be) and that list. */
  async function onServedModel(conversation: ReadonlyConversation): Promise<ReadyToPlan> {
    const list = await deps.models.settled()
    const moved = await moveOffRetiredModel({ store, emit: deps.publish }, conversation, list, deps.remembered())
    return { conversation: moved, models: list }
  }

  function plan(
    { conversation, models }: ReadyToPlan,
    history: readonly ReadonlyMessage[],
    added?: ChatMessage,
  ): TurnPlan {
    return planTurn({
      conversation,
      history,
      userMessage: added,
      settings: settings.get(),
      models,
      tools: deps.tools,
      keepAlwaysAllow: (toolName) => deps.allowAlways(conversation.id, toolName),
    })
  }

  /** The user's message is in its file before the request leaves (see ConversationStore.appendUserMessage). */
  async function sendAfter(
    conversation: ReadonlyConversation,
    before: readonly ReadonlyMessage[],
    text: string,
  ): Promise<TurnPlan> {
    const ready = await onServedModel(conversation)
    const message = userMessage(text)
    await store.appendUserMessage(conversation.id, message)
    const { model, effort } = ready.conversation
    const { lastModel, lastEffort } = settings.get()
    // Rewriting unchanged settings would cost a file write and a settings:changed to every window on each send.
    if (lastModel !== model || lastEffort !== effort) settings.update({ lastModel: model, lastEffort: effort })
    return plan(ready, [...before, message], message)
  }

  return {
    async send(conversationId, text) {
      const conversation = await store.get(conversationId)
      return sendAfter(conversation, conversation.messages, text)
    },
    async edit(conversationId, messageId, text) {
      const conversation = await store.get(conversationId)
      const index = conversation.messages.findIndex((message) => message.id === messageId)
      if (conversation.messages[index]?.role !== 'user') fail('not-found', 'That message is not in this conversation.')
      await store.truncateFrom(conversationId, messageId)
      return sendAfter(conversation, conversation.messages.slice(0, index), text)
    },
    async answerAgain(conversationId) {
      const conversation = await store.get(conversationId)
      const history = conversation.messages.slice()
      const last = history.at(-1)
      if (last?.role === 'assistant') {
        await store.truncateFrom(conversationId, last.id)
        history.pop()
      }
      if (history.at(-1)?.role !== 'user') fail('not-found', 'There is no message to answer in this conversation.')
      return plan(await onServedModel(conversation), history)
    },
  }
}
