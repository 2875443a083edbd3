import type { ReadonlyConversation } from '../../shared/domain'
import { clipAtWord, collapseWhitespace, messageText } from './text'

export const DEFAULT_TITLE = 'New chat'
const TITLE_LENGTH = 50

/** A title derived locally from the first user message: no request leaves the machine for it. */
export function titleFromMessage(text: string): string | undefined {
  const firstLine = text.split('\n').find((line) => line.trim().length > 0)
  if (!firstLine) return undefined
  return clipAtWord(collapseWhitespace(firstLine), TITLE_LENGTH)
}

/** Still the title the app gave, not one the user chose: "New chat", or the words of the first message. */
export function hasAutomaticTitle(conversation: Pick<ReadonlyConversation, 'title' | 'messages'>): boolean {
  if (conversation.title === DEFAULT_TITLE) return true
  const first = conversation.messages.find((message) => message.role === 'user')
  return first !== undefined && conversation.title === titleFromMessage(messageText(first))
}
