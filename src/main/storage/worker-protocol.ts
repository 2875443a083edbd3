import { parentPort, workerData } from 'node:worker_threads'
import { z } from 'zod'
import { type AppError, toAppError } from '../../shared/errors'
import type { ReportProgress } from '../ports'
import { appErrorSchema } from './schemas'

/**
 * What a storage worker (import-worker.ts, export-worker.ts) posts back to main: progress any number of times, in
 * order, then exactly one of done or failed.
 */
export type WorkerMessage<Result> =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: Result }
  | { type: 'failed'; error: AppError }

export function workerMessageSchema<Result>(result: z.ZodType<Result>): z.ZodType<WorkerMessage<Result>> {
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('progress'), done: z.number().int().min(0), total: z.number().int().min(0) }),
    z.object({ type: z.literal('done'), result }),
    z.object({ type: z.literal('failed'), error: appErrorSchema }),
  ]) as z.ZodType<WorkerMessage<Result>>
}

/** A worker entry's whole body: reads its job from workerData, does it, and answers main by the protocol above. */
export async function answerJob<Job, Result>(
  jobSchema: z.ZodType<Job>,
  work: (job: Job, onProgress: ReportProgress) => Result | Promise<Result>,
): Promise<void> {
  const post = (message: WorkerMessage<Result>): void => parentPort?.postMessage(message)
  try {
    const job = jobSchema.parse(workerData)
    post({ type: 'done', result: await work(job, (done, total) => post({ type: 'progress', done, total })) })
  } catch (error) {
    post({ type: 'failed', error: toAppError(error) })
  }
}
