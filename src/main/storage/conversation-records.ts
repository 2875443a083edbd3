import type { ReadonlyConversation } from '../../shared/domain'
import type { ConversationRecord } from './records'

/**
 * The records that recreate a whole conversation (import, seeding). Messages are dated by their own `createdAt`,
 * except that the last one carries `activityAt`, which becomes the conversation's `updatedAt`. Notes are replayed as
 * the model changes that made them, each after its message, and the conversation's own model is set last.
 */
export function recordsOf(conversation: ReadonlyConversation, activityAt: number): ConversationRecord[] {
  const records: ConversationRecord[] = [
    {
      type: 'header',
      id: conversation.id,
      title: conversation.title,
      model: conversation.model,
      effort: conversation.effort,
      workspace: conversation.workspace,
      created: conversation.createdAt,
    },
  ]
  const notes = conversation.notes ?? []
  const notesAfter = (messageId: string | null): ConversationRecord[] =>
    notes
      .filter((note) => note.afterMessageId === messageId)
      .map((note) => ({
        type: 'model',
        at: note.at,
        model: note.to,
        effort: conversation.effort,
        replacing: note.from,
      }))
  records.push(...notesAfter(null))
  conversation.messages.forEach((message, i) => {
    const last = i === conversation.messages.length - 1
    records.push({ type: 'message', at: last ? Math.max(message.createdAt, activityAt) : message.createdAt, message })
    records.push(...notesAfter(message.id))
  })
  for (const compaction of conversation.compactions) {
    records.push({ type: 'compaction', at: compaction.createdAt, compaction })
  }
  if (notes.length > 0) {
    records.push({ type: 'model', at: activityAt, model: conversation.model, effort: conversation.effort })
  }
  if (conversation.toolPolicy) records.push({ type: 'tool-policy', at: activityAt, policy: conversation.toolPolicy })
  if (conversation.pinned) records.push({ type: 'pin', at: activityAt, pinned: true })
  return records
}
