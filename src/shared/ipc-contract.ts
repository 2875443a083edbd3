/**
 * The one IPC contract, assembled from one fragment per domain (`contract/`). Every request channel (its payload
 * schema and result type) and every event main pushes to the renderer is declared there once; the preload's
 * `window.codex`, main's handlers and the web harness all derive their types from these maps, so a misspelled
 * channel or a wrong payload does not compile, and main validates every payload at run time against the schema
 * before a handler sees it.
 */
import { z } from 'zod'
import { type AccountEvents, accountChannels } from './contract/account'
import { type AppEvents, appChannels } from './contract/app'
import { type ChatEvents, chatChannels } from './contract/chat'
import { type ConversationEvents, conversationChannels } from './contract/conversations'
import { type ModelEvents, modelChannels } from './contract/models'
import { type SettingsEvents, settingsChannels } from './contract/settings'
import type { Result } from './errors'

export { effortSchema } from './contract/common'
export { settingsPatchSchema } from './contract/settings'

export const requestChannels = {
  ...appChannels,
  ...accountChannels,
  ...conversationChannels,
  ...chatChannels,
  ...modelChannels,
  ...settingsChannels,
} as const

/** Events main pushes to the renderer. */
export interface EventMap
  extends AppEvents,
    AccountEvents,
    ConversationEvents,
    ChatEvents,
    ModelEvents,
    SettingsEvents {}

/** The channels of one domain's fragment, for the capability that serves them. */
export type AccountChannel = keyof typeof accountChannels
export type ConversationChannel = keyof typeof conversationChannels
export type ChatChannel = keyof typeof chatChannels

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
