import type { ChatMessage, Conversation } from '../../../src/shared/domain'

/** A finished message of plain text, for a seeded conversation. */
export function message(
  id: string,
  role: ChatMessage['role'],
  text: string,
  createdAt: number,
  extra: Partial<ChatMessage> = {},
): ChatMessage {
  return { id, role, createdAt, parts: [{ kind: 'text', text }], state: 'done', ...extra }
}

/** A saved conversation on GPT-5.5, last active at `updatedAt`. */
export function conversation(
  id: string,
  title: string,
  updatedAt: number,
  messages: ChatMessage[] = [],
  extra: Partial<Conversation> = {},
): Conversation {
  return {
    id,
    title,
    createdAt: updatedAt - 1000,
    updatedAt,
    pinned: false,
    model: 'gpt-5.5',
    effort: null,
    messageCount: messages.length,
    preview: '',
    workspace: null,
    messages,
    compactions: [],
    ...extra,
  }
}
