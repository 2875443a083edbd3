import type { Conversation } from '../../shared/domain'
import type { ConversationRecord } from './records'

/**
 * The records that recreate a whole conversation (import, seeding). Messages are dated by their own `createdAt`,
 * except that the last one carries `activityAt`, which becomes the conversation's `updatedAt`.
 */
export function recordsOf(conversation: Conversation, activityAt: number): ConversationRecord[] {
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
  conversation.messages.forEach((message, i) => {
    const last = i === conversation.messages.length - 1
    records.push({ type: 'message', at: last ? Math.max(message.createdAt, activityAt) : message.createdAt, message })
  })
  for (const compaction of conversation.compactions) {
    records.push({ type: 'compaction', at: compaction.createdAt, compaction })
  }
  if (conversation.pinned) records.push({ type: 'pin', at: activityAt, pinned: true })
  return records
}
