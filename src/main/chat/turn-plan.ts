import type {
  ChatMessage,
  ModelSpec,
  ReadonlyConversation,
  ReadonlyMessage,
  ReasoningEffort,
  Settings,
} from '../../shared/domain'
import { clampEffort, findModel } from '../../shared/model-policy'
import { DEFAULT_TOOL_POLICY } from '../../shared/tool-previews'
import type { ToolRegistry } from '../tools'
import { createApprovalGate } from './approval-gate'
import { compactionInEffect } from './compaction'
import type { TurnPlan } from './turn-runner'

export interface PlanInput {
  conversation: ReadonlyConversation
  history: readonly ReadonlyMessage[]
  userMessage?: ChatMessage
  settings: Settings
  /** The current model list (the account's, or the built-in registry when signed out). */
  models: readonly ModelSpec[]
  tools: ToolRegistry
  /** Keeps the person's "Always allow" for a tool with the conversation. */
  keepAlwaysAllow(toolName: string): Promise<void>
}

/**
 * The request of a turn: the conversation's model, its effort clamped to what that model accepts, its workspace's
 * tools, and its approval level (its own, or the app-wide one).
 */
export function planTurn(input: PlanInput): TurnPlan {
  const { conversation, history, userMessage, settings, models, tools } = input
  const model = findModel(models, conversation.model)
  const effort: ReasoningEffort | null = clampEffort(model, conversation.effort)
  const policy = conversation.toolPolicy ?? DEFAULT_TOOL_POLICY
  const { workspace } = conversation
  return {
    conversationId: conversation.id,
    history,
    userMessage,
    effort,
    workspace,
    approval: createApprovalGate({
      tools,
      level: policy.level ?? settings.approvalLevel,
      alwaysAllow: policy.alwaysAllow,
      keepAlwaysAllow: input.keepAlwaysAllow,
    }),
    maxToolRounds: settings.maxToolRounds,
    contextWindow: model?.contextWindow ?? null,
    compaction: compactionInEffect(conversation.compactions, history),
    request: {
      model: conversation.model,
      instructions: settings.instructions,
      tools: model?.capabilities.tools === false ? [] : tools.specs(workspace),
      parallelToolCalls: true,
      reasoning: effort ? { effort, summary: 'auto' } : null,
      conversationId: conversation.id,
    },
  }
}
