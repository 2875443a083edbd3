import type { ChatEvent, ModelSpec, ReadonlyConversation } from '../../shared/domain'
import { type ModelChoice, replacementFor } from '../../shared/model-policy'
import type { ConversationStore } from '../ports'

export interface ModelMoveDeps {
  store: ConversationStore
  emit(event: ChatEvent): void
}

/**
 * Before a request leaves: a conversation on a model the backend's list no longer serves moves to the default
 * model, stored with a note where it happened (shown among the messages, kept after a reload), so the request is
 * not sent to be refused. Returns the conversation with the model and effort its request must use.
 */
export async function moveOffRetiredModel(
  deps: ModelMoveDeps,
  conversation: ReadonlyConversation,
  models: readonly ModelSpec[],
  remembered: Partial<ModelChoice>,
): Promise<ReadonlyConversation> {
  const target = replacementFor(models, conversation.model, remembered)
  if (!target) return conversation
  await deps.store.setModel(conversation.id, target.model, target.effort, { replacing: conversation.model })
  const note = (await deps.store.get(conversation.id)).notes?.at(-1)
  if (note) deps.emit({ type: 'note-added', conversationId: conversation.id, note })
  return { ...conversation, model: target.model, effort: target.effort }
}
