import { readFile, rm } from 'node:fs/promises'
import { z } from 'zod'
import type { ConversationWindow } from '../ports'
import { type FileStamp, writeAtomically } from './durable-files'
import type { StoragePaths } from './paths'
import { conversationWindowSchema } from './schemas'
import { describeError } from './storage-errors'

const WINDOW_FORMAT = 'codex-desk.window'

const savedWindowSchema = z.object({
  format: z.literal(WINDOW_FORMAT),
  /** The record version of the app that saved it: another version's window is not trusted to have today's shape. */
  recordVersion: z.number(),
  size: z.number(),
  mtimeMs: z.number(),
  window: conversationWindowSchema,
})

/**
 * The newest messages of each conversation open when the store last closed, beside the stamp of the file they came
 * from, so the first open after a start answers from them instead of reading and replaying the whole file (about
 * 270 ms for 10,000 messages). A cache: written without fsync, and used only while its stamp is the file's.
 */
export interface WindowCache {
  /** The saved window of exactly `limit` messages (or all of them) if the file is still `stamp`; else undefined. */
  read(id: string, stamp: FileStamp, limit: number): Promise<ConversationWindow | undefined>
  write(id: string, stamp: FileStamp, window: ConversationWindow): Promise<void>
  remove(id: string): Promise<void>
}

export function createWindowCache(
  paths: StoragePaths,
  recordVersion: number,
  log: (message: string) => void,
): WindowCache {
  return {
    async read(id, stamp, limit) {
      let text: string
      try {
        text = await readFile(paths.window(id), 'utf8')
      } catch {
        return undefined
      }
      const saved = savedWindowSchema.safeParse(safeJson(text))
      const current =
        saved.success &&
        saved.data.recordVersion === recordVersion &&
        saved.data.size === stamp.size &&
        saved.data.mtimeMs === stamp.mtimeMs
      if (!current) {
        // Stale or damaged for good: the file changed since, or another version wrote it.
        await rm(paths.window(id), { force: true }).catch(() => undefined)
        return undefined
      }
      const { window } = saved.data
      const fits = window.messages.length === limit || (window.olderCount === 0 && window.messages.length <= limit)
      return fits ? window : undefined
    },
    async write(id, stamp, window) {
      const saved = { format: WINDOW_FORMAT, recordVersion, ...stamp, window }
      try {
        await writeAtomically(paths.window(id), JSON.stringify(saved), false)
      } catch (error) {
        log(`Could not save the newest messages of conversation ${id}: ${describeError(error)}`)
      }
    },
    async remove(id) {
      await rm(paths.window(id), { force: true })
    },
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
