/**
 * The last `/models` list of each account, kept in the data folder (`models/<account>.json`) so the app starts
 * with the account's real list before the fetch returns. Written atomically; a file that does not read back as a
 * list of models is ignored (and replaced by the next fetch), never fatal.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { ModelSpec } from '../../shared/domain'
import { effortSchema } from '../../shared/ipc-contract'
import { writeAtomically } from '../storage/durable-files'

const CACHE_VERSION = 1

const modelSpecSchema: z.ZodType<ModelSpec> = z.object({
  id: z.string().min(1).max(200),
  displayName: z.string().min(1),
  description: z.string().optional(),
  contextWindow: z.number().positive(),
  maxOutputTokens: z.number().positive().optional(),
  efforts: z.array(effortSchema),
  defaultEffort: effortSchema.optional(),
  capabilities: z.object({
    tools: z.boolean(),
    images: z.boolean(),
    reasoning: z.boolean(),
    reasoningSummaries: z.boolean(),
    parallelToolCalls: z.boolean(),
  }),
  // Only the backend's lists are cached; the built-in registry needs no file.
  source: z.literal('backend'),
})

const cacheFileSchema = z.object({
  version: z.literal(CACHE_VERSION),
  accountId: z.string(),
  savedAt: z.number(),
  models: z.array(modelSpecSchema).min(1),
})

export interface ModelCache {
  /** The account's cached list; null when there is none or it cannot be read. */
  read(accountId: string): Promise<ModelSpec[] | null>
  write(accountId: string, models: readonly ModelSpec[], savedAt: number): Promise<void>
}

/** Account ids become file names: plain ones as they are (readable), anything else hashed. */
function fileName(accountId: string): string {
  const safe = /^[A-Za-z0-9_-]{1,100}$/.test(accountId)
    ? accountId
    : createHash('sha256').update(accountId).digest('hex').slice(0, 32)
  return `${safe}.json`
}

export function createModelCache(dataDir: string, log: (message: string) => void = () => {}): ModelCache {
  const dir = join(dataDir, 'models')
  return {
    async read(accountId) {
      let text: string
      try {
        text = await readFile(join(dir, fileName(accountId)), 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`Could not read the cached model list: ${error}`)
        return null
      }
      try {
        const parsed = cacheFileSchema.safeParse(JSON.parse(text))
        if (parsed.success && parsed.data.accountId === accountId) return parsed.data.models
      } catch {
        // Not JSON: reported below like any other unreadable file.
      }
      log('The cached model list is unreadable; it is ignored and replaced by the next fetch.')
      return null
    },
    async write(accountId, models, savedAt) {
      await mkdir(dir, { recursive: true })
      const file = { version: CACHE_VERSION, accountId, savedAt, models }
      await writeAtomically(join(dir, fileName(accountId)), `${JSON.stringify(file, null, 2)}\n`)
    },
  }
}
