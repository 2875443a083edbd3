import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { z } from 'zod'
import { AppErrorException, appError } from '../../shared/errors'
import type { ReportProgress } from '../ports'
import { workerMessageSchema } from './worker-protocol'

/** The storage workers, each an entry of its own in the build (scripts/worker-entry-plugin.ts). */
export type WorkerName = 'import-worker' | 'export-worker' | 'search-worker'

export interface WorkerRun<Result> {
  /** What the worker sends back when done, checked before main trusts it. */
  result: z.ZodType<Result>
  onProgress: ReportProgress
  /** The job in the words of an error: "The import could not be checked". */
  failure: string
}

/** Runs one job in a fresh worker thread (startWorker), which ends with it. */
export function runInWorker<Result>(name: WorkerName, job: unknown, run: WorkerRun<Result>): Promise<Result> {
  const messages = workerMessageSchema(run.result)
  const worker = startWorker(name, job)
  const internalError = (what: string) =>
    new AppErrorException(appError('internal', `${run.failure}: its worker ${what}.`))
  return new Promise<Result>((resolve, reject) => {
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      outcome()
      void worker.terminate()
    }
    worker.on('message', (raw: unknown) => {
      if (settled) return
      const parsed = messages.safeParse(raw)
      if (!parsed.success) return settle(() => reject(internalError('sent an unreadable answer')))
      const message = parsed.data
      if (message.type === 'progress') run.onProgress(message.done, message.total)
      else if (message.type === 'done') settle(() => resolve(message.result))
      else settle(() => reject(new AppErrorException(message.error)))
    })
    worker.on('messageerror', () => settle(() => reject(internalError('sent an answer that could not be received'))))
    worker.on('error', (error) => settle(() => reject(internalError(error.message))))
    worker.on('exit', (code) => settle(() => reject(internalError(`stopped (exit code ${code})`))))
  })
}

/**
 * Starts a storage worker. The built main has it beside it as `<name>.js`; run from source (the harness under tsx,
 * vitest) there is only the .ts file, so the worker registers tsx before loading it. electron-vite's `?modulePath`
 * import would cover only the first case.
 */
export function startWorker(name: WorkerName, workerData: unknown): Worker {
  const built = join(__dirname, `${name}.js`)
  if (existsSync(built)) return new Worker(built, { workerData })
  const tsx = createRequire(__filename).resolve('tsx/cjs/api')
  const source = join(__dirname, `${name}.ts`)
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)})`, {
    eval: true,
    workerData,
  })
}
