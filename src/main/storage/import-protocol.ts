import { z } from 'zod'
import type { AppError } from '../../shared/errors'
import type { PreparedImport } from './import-preparation'
import { appErrorSchema, summarySchema } from './schemas'

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

/** What the worker posts back: progress any number of times, then exactly one of prepared or failed. */
export type ImportWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'prepared'; prepared: PreparedImport }
  | { type: 'failed'; error: AppError }

export const importWorkerMessageSchema: z.ZodType<ImportWorkerMessage> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), done: z.number().int().min(0), total: z.number().int().min(0) }),
  z.object({
    type: z.literal('prepared'),
    prepared: z.object({ id: z.string().min(1), text: z.string(), summary: summarySchema }),
  }),
  z.object({ type: z.literal('failed'), error: appErrorSchema }),
])
