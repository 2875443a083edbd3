import { z } from 'zod'
import type { FileStamp } from './durable-files'

/** What the search worker needs when it starts: it loads the saved index at once, before main has its stamps. */
export interface SearchWorkerData {
  dataDir: string
  saveDelayMs: number
}

/**
 * What changed in one conversation since main last posted it: a checkpoint of a streaming answer carries that one
 * message, not the conversation. `full` replaces everything the worker holds of it (main had nothing to compare with).
 */
export interface ConversationChanges {
  id: string
  stamp: FileStamp
  full: boolean
  /** Present when it changed (always when `full`). */
  title?: string
  /** Messages added or replaced, with the text search sees; an empty text drops the message from the index. */
  messages: Array<[messageId: string, text: string]>
  removedMessageIds: string[]
}

/** Main → worker, in order; the worker applies them one after another after loading and catching up. */
export type SearchRequest =
  /** Every conversation's file stamp, as main's conversation index knows them once open: `[id, size, mtimeMs]`. */
  | { type: 'catch-up'; stamps: Array<[string, number, number]> }
  | { type: 'update'; changes: ConversationChanges }
  /** The file was written without main having its body (an import): the worker reads it. */
  | { type: 'refresh'; id: string }
  | { type: 'remove'; id: string }
  /** `order`: the conversation ids in sidebar order; only these are searched, equally relevant ones in this order. */
  | { type: 'search'; requestId: number; query: string; order: string[] }
  /** Saves what is indexed and answers `closed`; main then ends the worker. */
  | { type: 'close' }

export const searchHitSchema = z.object({ id: z.string(), snippet: z.string() })
export type SearchWorkerHit = z.infer<typeof searchHitSchema>

/** Worker → main, checked on main before it is trusted. */
export const searchReplySchema = z.discriminatedUnion('type', [
  /** Loaded its code and starts loading the index: from here on, closing it waits for it to save. */
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('hits'), requestId: z.number().int(), hits: z.array(searchHitSchema) }),
  z.object({ type: z.literal('failed'), requestId: z.number().int(), message: z.string() }),
  z.object({ type: z.literal('log'), message: z.string() }),
  z.object({ type: z.literal('closed') }),
])
export type SearchReply = z.infer<typeof searchReplySchema>
