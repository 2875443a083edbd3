import { z } from 'zod'
import type { PreparedImport } from './import-preparation'
import { summarySchema } from './schemas'

/** What main hands the import worker (workerData). */
export interface ImportJob {
  content: string
  recordVersion: number
  now: number
}

export const importJobSchema: z.ZodType<ImportJob> = z.object({
  content: z.string(),
  recordVersion: z.number().int(),
  now: z.number(),
})

/** What the import worker answers with when done. */
export const preparedImportSchema: z.ZodType<PreparedImport> = z.object({
  id: z.string().min(1),
  text: z.string(),
  summary: summarySchema,
})
