import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppErrorException, appError } from '../../shared/errors'
import type { ImportPreparationOptions, PreparedImport } from './import-preparation'
import { type ImportJob, importWorkerMessageSchema } from './import-protocol'

/**
 * Runs prepareImport in a worker thread. The built main has the worker beside it as `import-worker.js` (an entry of
 * its own in electron.vite.config.ts); run from source (the harness under tsx, vitest) there is only the .ts file, so
 * the worker registers tsx before loading it. electron-vite's `?modulePath` import would cover only the first case.
 */
export function prepareImportInWorker(content: string, options: ImportPreparationOptions): Promise<PreparedImport> {
  const job: ImportJob = { content, recordVersion: options.recordVersion, now: options.now }
  const worker = startWorker(job)
  return new Promise<PreparedImport>((resolve, reject) => {
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      outcome()
      void worker.terminate()
    }
    worker.on('message', (raw: unknown) => {
      const parsed = importWorkerMessageSchema.safeParse(raw)
      if (!parsed.success) return settle(() => reject(internalError('sent an unreadable answer')))
      const message = parsed.data
      if (message.type === 'progress') options.onProgress(message.done, message.total)
      else if (message.type === 'prepared') settle(() => resolve(message.prepared))
      else settle(() => reject(new AppErrorException(message.error)))
    })
    worker.on('error', (error) => settle(() => reject(internalError(error.message))))
    worker.on('exit', (code) => settle(() => reject(internalError(`stopped (exit code ${code})`))))
  })
}

function startWorker(job: ImportJob): Worker {
  const built = join(__dirname, 'import-worker.js')
  if (existsSync(built)) return new Worker(built, { workerData: job })
  const tsx = createRequire(__filename).resolve('tsx/cjs/api')
  const source = join(__dirname, 'import-worker.ts')
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)})`, {
    eval: true,
    workerData: job,
  })
}

function internalError(what: string): AppErrorException {
  return new AppErrorException(appError('internal', `The import could not be checked: its worker ${what}.`))
}
