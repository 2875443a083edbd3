/**
 * The one IPC contract. Every request channel (its payload schema and result type) and every event main pushes
 * to the renderer is declared here once; the preload's `window.codex`, main's handler registry and the web
 * harness all derive their types from these maps, so a misspelled channel or a wrong payload does not compile,
 * and main validates every payload at run time against the schema before a handler sees it.
 */
import { z } from 'zod'
import type {
  AccountState,
  AppInfo,
  ChatEvent,
  Conversation,
  ConversationSummary,
  ExportResult,
  ModelSpec,
  SearchHit,
  Settings,
  UsageLimits,
} from './domain'
import { EFFORT_PATTERN } from './domain'
import type { Result } from './errors'
import { SETTING_BOUNDS } from './settings'

/** Declares a channel: the payload schema now, the result type as a type argument. */
function request<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output })
}

const none = z.undefined()
const id = z.string().min(1).max(200)
/** An effort as the contract, storage and the model cache accept it: a short token (the backend names new ones). */
export const effortSchema = z.string().regex(EFFORT_PATTERN)
const text = z.string().max(1_000_000)

const bounded = ({ min, max }: { min: number; max: number }) => z.number().int().min(min).max(max)

export const settingsPatchSchema = z
  .object({
    theme: z.enum(['light', 'dark', 'system']),
    instructions: z.string().max(100_000),
    lastModel: z.string().min(1).max(200).nullable(),
    lastEffort: effortSchema.nullable(),
    maxRetries: bounded(SETTING_BOUNDS.maxRetries),
    retryBaseDelayMs: bounded(SETTING_BOUNDS.retryBaseDelayMs),
    streamIdleTimeoutMs: bounded(SETTING_BOUNDS.streamIdleTimeoutMs),
    modelsClientVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
    workspace: z.string().min(1).max(4096).nullable(),
    allowPlainTokenStorage: z.boolean(),
  })
  .partial()
  .strict()

export const requestChannels = {
  'app:info': request<AppInfo>()(none),
  'app:open-data-folder': request<void>()(none),
  'app:open-external': request<void>()(z.object({ url: z.url({ protocol: /^https?$/ }) }).strict()),

  'account:get': request<AccountState>()(none),
  'account:sign-in': request<AccountState>()(none),
  'account:cancel-sign-in': request<AccountState>()(none),
  'account:sign-out': request<AccountState>()(none),

  'conversations:list': request<ConversationSummary[]>()(none),
  'conversations:search': request<SearchHit[]>()(z.object({ query: z.string().max(500) }).strict()),
  'conversations:get': request<Conversation>()(z.object({ id }).strict()),
  'conversations:create': request<ConversationSummary>()(
    z
      .object({ model: z.string().min(1).max(200).optional(), effort: effortSchema.nullable().optional() })
      .strict()
      .optional(),
  ),
  'conversations:rename': request<ConversationSummary>()(
    z.object({ id, title: z.string().trim().min(1).max(200) }).strict(),
  ),
  'conversations:pin': request<ConversationSummary>()(z.object({ id, pinned: z.boolean() }).strict()),
  'conversations:delete': request<void>()(z.object({ id }).strict()),
  'conversations:set-model': request<ConversationSummary>()(
    z.object({ id, model: z.string().min(1).max(200), effort: effortSchema.nullable() }).strict(),
  ),
  'conversations:export': request<ExportResult>()(z.object({ id, format: z.enum(['markdown', 'json']) }).strict()),
  'conversations:import': request<ConversationSummary>()(z.object({ content: z.string().max(50_000_000) }).strict()),

  'chat:send': request<void>()(
    z.object({ conversationId: id, text: text.refine((t) => t.trim().length > 0) }).strict(),
  ),
  'chat:stop': request<void>()(z.object({ conversationId: id }).strict()),
  'chat:regenerate': request<void>()(z.object({ conversationId: id }).strict()),
  'chat:retry': request<void>()(z.object({ conversationId: id }).strict()),
  /** Ends the wait before the next attempt of the running turn early. */
  'chat:retry-now': request<void>()(z.object({ conversationId: id }).strict()),
  'chat:edit': request<void>()(
    z.object({ conversationId: id, messageId: id, text: text.refine((t) => t.trim().length > 0) }).strict(),
  ),

  'tools:decide': request<void>()(
    z.object({ conversationId: id, callId: id, decision: z.enum(['approve', 'deny']) }).strict(),
  ),

  /** The list as main knows it now; main refreshes it itself and announces changes as `models:changed`. */
  'models:list': request<ModelSpec[]>()(none),

  'settings:get': request<Settings>()(none),
  'settings:update': request<Settings>()(settingsPatchSchema),

  'usage:get': request<UsageLimits | null>()(none),
} as const

/** Events main pushes to the renderer. */
export interface EventMap {
  'account:changed': AccountState
  'conversations:changed': { upserted?: ConversationSummary; removedId?: string }
  'chat:event': ChatEvent
  'settings:changed': Settings
  'usage:changed': UsageLimits
  /** The model list changed: fetched after a sign-in, refreshed, or back to the built-in one after signing out. */
  'models:changed': ModelSpec[]
}

export type RequestChannel = keyof typeof requestChannels
export type RequestInput<C extends RequestChannel> = z.input<(typeof requestChannels)[C]['input']>
/** The payload as a handler sees it, after validation. */
export type ValidInput<C extends RequestChannel> = z.output<(typeof requestChannels)[C]['input']>
export type RequestOutput<C extends RequestChannel> = (typeof requestChannels)[C]['output']
export type EventChannel = keyof EventMap
export type EventPayload<E extends EventChannel> = EventMap[E]

export function isRequestChannel(channel: string): channel is RequestChannel {
  return Object.hasOwn(requestChannels, channel)
}

// The preload's part of the contract lives in a zod-free module so the sandboxed preload can bundle it.
export { type CodexApi, type InvokeArgs, IPC_EVENT_PREFIX, IPC_INVOKE } from './ipc-bridge'

/** Frames of the web harness's WebSocket transport. */
export const wsClientFrameSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  payload: z.unknown().optional(),
})
export type WsClientFrame = z.infer<typeof wsClientFrameSchema>
export type WsServerFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventChannel; payload: unknown }
