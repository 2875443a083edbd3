import { z } from 'zod'
import {
  type ConversationPage,
  type ConversationSnapshot,
  type ConversationSummary,
  EXPORT_FORMATS,
  type ExportResult,
  type SearchHit,
  type SidebarList,
  type TransferProgress,
} from '../domain'
import { APPROVAL_LEVELS, type ConversationTools } from '../tool-previews'
import { effortSchema, id, modelSlug, request } from './common'

/** How many messages `conversations:get` sends: more than any screen shows at once, few enough to send at once. */
export const FIRST_WINDOW_MESSAGES = 60
/**
 * How many conversations the page asks for first: more than any window shows at once, so the sidebar paints from
 * these while the rest of a long list is on its way.
 */
export const FIRST_SIDEBAR_ENTRIES = 100
/** The most messages one `conversations:page` answers with. */
export const MAX_PAGE_MESSAGES = 1_000

/** The saved conversations: the list, search, one conversation, and what a person does to one. */
export const conversationChannels = {
  'conversations:list': request<SidebarList>()(
    z
      .object({ limit: z.number().int().min(1).max(1_000_000) })
      .strict()
      .optional(),
  ),
  'conversations:search': request<SearchHit[]>()(z.object({ query: z.string().max(500) }).strict()),
  /** The newest messages (FIRST_WINDOW_MESSAGES of them); older ones come through `conversations:page`. */
  'conversations:get': request<ConversationSnapshot>()(z.object({ id }).strict()),
  /** Up to `limit` messages just before message `before`; `not-found` when that message is no longer there. */
  'conversations:page': request<ConversationPage>()(
    z.object({ id, before: id, limit: z.number().int().min(1).max(MAX_PAGE_MESSAGES) }).strict(),
  ),
  'conversations:create': request<ConversationSummary>()(
    z.object({ model: modelSlug.optional(), effort: effortSchema.nullable().optional() }).strict().optional(),
  ),
  'conversations:rename': request<ConversationSummary>()(
    z.object({ id, title: z.string().trim().min(1).max(200) }).strict(),
  ),
  'conversations:pin': request<ConversationSummary>()(z.object({ id, pinned: z.boolean() }).strict()),
  'conversations:delete': request<void>()(z.object({ id }).strict()),
  'conversations:set-model': request<ConversationSummary>()(
    z.object({ id, model: modelSlug, effort: effortSchema.nullable() }).strict(),
  ),
  /** Checked in main: an absolute path to an existing folder that is not the filesystem's root; null: none. */
  'conversations:set-workspace': request<ConversationTools>()(
    z.object({ id, workspace: z.string().min(1).max(4096).nullable() }).strict(),
  ),
  /** null: follow the app-wide approval level again. */
  'conversations:set-approval-level': request<ConversationTools>()(
    z.object({ id, level: z.enum(APPROVAL_LEVELS).nullable() }).strict(),
  ),
  'conversations:export': request<ExportResult>()(z.object({ id, format: z.enum(EXPORT_FORMATS) }).strict()),
  'conversations:import': request<ConversationSummary>()(z.object({ content: z.string().max(50_000_000) }).strict()),
} as const

export interface ConversationEvents {
  'conversations:changed': { upserted?: ConversationSummary; removedId?: string }
  /** How far a running import has got: `done` of its `total` messages checked; saving follows the last one. */
  'conversations:import-progress': TransferProgress
  /** How far the export of conversation `id` has got: `done` of its file's `total` lines read; writing follows. */
  'conversations:export-progress': TransferProgress & { id: string }
}
