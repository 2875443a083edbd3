import { z } from 'zod'
import type {
  ChatMessage,
  Compaction,
  ContextUse,
  Conversation,
  ConversationNote,
  ConversationSummary,
  MessagePart,
  TokenUsage,
} from '../../shared/domain'
import { APP_ERROR_KINDS, type AppError } from '../../shared/errors'
import { effortSchema } from '../../shared/ipc-contract'
import {
  APPROVAL_LEVELS,
  type ConversationToolPolicy,
  type FilePreview,
  type ToolCallPreview,
} from '../../shared/tool-previews'
import type { ConversationWindow } from '../ports'

/**
 * The shapes storage reads back from disk and from imported files. Each schema is checked against its domain type,
 * so a field added to the domain without being added here fails to compile instead of being dropped on load.
 */

export const appErrorSchema: z.ZodType<AppError> = z.object({
  // A kind this version does not know (from another version, or one retired) still shows the message it came with.
  kind: z.enum(APP_ERROR_KINDS).catch('internal'),
  message: z.string(),
  status: z.number().optional(),
  code: z.string().optional(),
  resetsAt: z.number().optional(),
  retryable: z.boolean().optional(),
  requestId: z.string().optional(),
  issues: z.array(z.string()).optional(),
})

const usageSchema: z.ZodType<TokenUsage> = z.object({
  inputTokens: z.number(),
  cachedInputTokens: z.number(),
  outputTokens: z.number(),
  reasoningOutputTokens: z.number(),
  totalTokens: z.number(),
})

const contextUseSchema: z.ZodType<ContextUse> = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  inputChars: z.number(),
  compactionId: z.string().optional(),
})

export const compactionSchema: z.ZodType<Compaction> = z.object({
  id: z.string().min(1),
  throughMessageId: z.string().min(1),
  summary: z.string(),
  model: z.string().min(1),
  createdAt: z.number(),
})

const filePreviewSchema: z.ZodType<FilePreview> = z.object({
  path: z.string(),
  kind: z.enum(['add', 'delete', 'update', 'move']),
  diff: z.string(),
  movedTo: z.string().optional(),
})

const failedPreview = z.object({ ok: z.literal(false), error: z.string() })

const previewSchema: z.ZodType<ToolCallPreview> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('write'),
    preview: z.union([
      z.object({ ok: z.literal(true), path: z.string(), isNew: z.boolean(), diff: z.string() }),
      failedPreview,
    ]),
  }),
  z.object({
    kind: z.literal('patch'),
    preview: z.union([z.object({ ok: z.literal(true), files: z.array(filePreviewSchema) }), failedPreview]),
  }),
  z.object({ kind: z.literal('command'), command: z.string(), cwd: z.string(), timeoutSeconds: z.number() }),
  z.object({ kind: z.literal('invalid'), error: z.string() }),
  z.object({ kind: z.literal('none') }),
])

export const toolPolicySchema: z.ZodType<ConversationToolPolicy> = z.object({
  level: z.enum(APPROVAL_LEVELS).nullable(),
  alwaysAllow: z.array(z.string().min(1).max(200)),
})

export const partSchema: z.ZodType<MessagePart> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({
    kind: z.literal('reasoning'),
    summary: z.array(z.string()),
    item: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({
    kind: z.literal('tool-call'),
    callId: z.string(),
    name: z.string(),
    arguments: z.string(),
    state: z.enum(['pending-approval', 'running', 'done', 'denied', 'error']),
    output: z.string().optional(),
    error: z.string().optional(),
    preview: previewSchema.optional(),
  }),
])

export const messageSchema: z.ZodType<ChatMessage> = z.object({
  id: z.string().min(1),
  role: z.enum(['user', 'assistant']),
  createdAt: z.number(),
  parts: z.array(partSchema),
  state: z.enum(['done', 'streaming', 'error', 'cancelled', 'incomplete']),
  model: z.string().optional(),
  effort: effortSchema.optional(),
  usage: usageSchema.optional(),
  context: contextUseSchema.optional(),
  error: appErrorSchema.optional(),
  incompleteReason: z.string().optional(),
})

const noteSchema: z.ZodType<ConversationNote> = z.object({
  kind: z.literal('model-retired'),
  at: z.number(),
  afterMessageId: z.string().min(1).nullable(),
  from: z.string().min(1),
  to: z.string().min(1),
})

const summaryFields = {
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  pinned: z.boolean(),
  model: z.string().min(1),
  effort: effortSchema.nullable(),
  messageCount: z.number().int().min(0),
  preview: z.string(),
}

const conversationFields = {
  ...summaryFields,
  busy: z.boolean().optional(),
  workspace: z.string().nullable(),
  toolPolicy: toolPolicySchema.optional(),
  // Exports made before compaction existed have none.
  compactions: z.array(compactionSchema).default([]),
  notes: z.array(noteSchema).optional(),
}

export const conversationSchema: z.ZodType<Conversation> = z.object({
  ...conversationFields,
  messages: z.array(messageSchema),
})

/** A conversation whose messages are left unchecked: an import checks them one by one, to report its progress. */
export const conversationShellSchema = z.object({ ...conversationFields, messages: z.array(z.unknown()) })

export const summarySchema: z.ZodType<ConversationSummary> = z.object(summaryFields)

/** The newest messages of a conversation as `window` hands them out (saved by window-cache.ts). */
export const conversationWindowSchema: z.ZodType<ConversationWindow> = z.object({
  conversation: z.object(conversationFields),
  messages: z.array(messageSchema),
  olderCount: z.number().int().min(0),
  olderContext: contextUseSchema.optional(),
})
