import { z } from 'zod'
import type { Compaction, DeepReadonly, ReadonlyMessage, ReasoningEffort } from '../../shared/domain'
import { fail } from '../../shared/errors'
import { effortSchema } from '../../shared/ipc-contract'
import type { ConversationToolPolicy } from '../../shared/tool-previews'
import { compactionSchema, messageSchema, toolPolicySchema } from './schemas'

/** One line of a conversation file. `at` is when the event happened (epoch ms). */
export type ConversationRecord =
  | {
      type: 'header'
      id: string
      title: string
      model: string
      effort: ReasoningEffort | null
      workspace: string | null
      created: number
    }
  /** A message snapshot: a later record with the same message id replaces the earlier one in place. */
  | { type: 'message'; at: number; message: ReadonlyMessage }
  | { type: 'title'; at: number; title: string }
  | { type: 'pin'; at: number; pinned: boolean }
  /** `replacing`: set by the app, not the user, because the backend stopped serving that model. */
  | { type: 'model'; at: number; model: string; effort: ReasoningEffort | null; replacing?: string }
  /** Drops `messageId` and every message after it (edit and regenerate). */
  | { type: 'truncate'; at: number; messageId: string }
  /** A summary of the older messages that requests use instead of them (version 2 on). */
  | { type: 'compaction'; at: number; compaction: DeepReadonly<Compaction> }
  /** The folder the conversation's tools work in from here on (version 3 on). */
  | { type: 'workspace'; at: number; workspace: string | null }
  /** The conversation's approval level and always-allowed tools, whole: the last one stands (version 3 on). */
  | { type: 'tool-policy'; at: number; policy: DeepReadonly<ConversationToolPolicy> }

export type HeaderRecord = Extract<ConversationRecord, { type: 'header' }>

export const recordSchema: z.ZodType<ConversationRecord> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('header'),
    id: z.string().min(1),
    title: z.string(),
    model: z.string().min(1),
    effort: effortSchema.nullable(),
    workspace: z.string().nullable(),
    created: z.number(),
  }),
  z.object({ type: z.literal('message'), at: z.number(), message: messageSchema }),
  z.object({ type: z.literal('title'), at: z.number(), title: z.string() }),
  z.object({ type: z.literal('pin'), at: z.number(), pinned: z.boolean() }),
  z.object({
    type: z.literal('model'),
    at: z.number(),
    model: z.string().min(1),
    effort: effortSchema.nullable(),
    replacing: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal('truncate'), at: z.number(), messageId: z.string().min(1) }),
  z.object({ type: z.literal('compaction'), at: z.number(), compaction: compactionSchema }),
  z.object({ type: z.literal('workspace'), at: z.number(), workspace: z.string().min(1).nullable() }),
  z.object({ type: z.literal('tool-policy'), at: z.number(), policy: toolPolicySchema }),
])

export function serializeRecord(record: ConversationRecord, version: number): string {
  return `${JSON.stringify({ v: version, ...record })}\n`
}

/** Checks a record before it is written, so nothing reaches the disk that a later load would set aside as corrupt. */
export function validForWriting(record: ConversationRecord): ConversationRecord {
  const parsed = recordSchema.safeParse(record)
  if (parsed.success) return parsed.data
  return fail('internal', 'Could not save the conversation: the change is malformed.', {
    issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  })
}
