import type { ChatMessage, Conversation, ModelSpec, ReasoningEffort, Settings } from '../../shared/domain'
import { clampEffort, findModel } from '../../shared/model-policy'
import type { ToolRegistry } from '../tools'
import { compactionInEffect } from './compaction'
import type { TurnPlan } from './turn-runner'

export interface PlanInput {
  conversation: Conversation
  history: ChatMessage[]
  userMessage?: ChatMessage
  settings: Settings
  /** The current model list (the account's, or the built-in registry when signed out). */
  models: readonly ModelSpec[]
  tools: ToolRegistry
}

/** The request of a turn: the conversation's model, its effort clamped to what that model accepts. */
export function planTurn({ conversation, history, userMessage, settings, models, tools }: PlanInput): TurnPlan {
  const model = findModel(models, conversation.model)
  const effort: ReasoningEffort | null = clampEffort(model, conversation.effort)
  return {
    conversationId: conversation.id,
    history,
    userMessage,
    effort,
    workspace: settings.workspace,
    contextWindow: model?.contextWindow ?? null,
    compaction: compactionInEffect(conversation.compactions, history),
    request: {
      model: conversation.model,
      instructions: settings.instructions,
      tools: model?.capabilities.tools === false ? [] : tools.specs(settings.workspace),
      parallelToolCalls: true,
      reasoning: effort ? { effort, summary: 'auto' } : null,
      conversationId: conversation.id,
    },
  }
}
