import { z } from 'zod'
import type { SequencedChatEvent } from '../domain'
import { id, messageText, request } from './common'

/** Answers: sending, editing, answering again, stopping, and deciding on the tools the model calls. */
export const chatChannels = {
  'chat:send': request<void>()(z.object({ conversationId: id, text: messageText }).strict()),
  'chat:stop': request<void>()(z.object({ conversationId: id }).strict()),
  /** Answers the last user message again, replacing the answer it has (Regenerate, and Retry after an error). */
  'chat:regenerate': request<void>()(z.object({ conversationId: id }).strict()),
  /** Ends the wait before the next attempt of the running turn early. */
  'chat:retry-now': request<void>()(z.object({ conversationId: id }).strict()),
  'chat:edit': request<void>()(z.object({ conversationId: id, messageId: id, text: messageText }).strict()),
  /** `always`: approve, and run later calls of that tool in this conversation without asking. */
  'tools:decide': request<void>()(
    z.object({ conversationId: id, callId: id, decision: z.enum(['approve', 'deny', 'always']) }).strict(),
  ),
} as const

export interface ChatEvents {
  'chat:event': SequencedChatEvent
}
