import type { ImportPreparationOptions, PreparedImport } from './import-preparation'
import { type ImportJob, preparedImportSchema } from './import-protocol'
import { runInWorker } from './worker-runner'

/** Runs prepareImport in a worker thread (import-worker.ts). */
export function prepareImportInWorker(content: string, options: ImportPreparationOptions): Promise<PreparedImport> {
  const job: ImportJob = { content, recordVersion: options.recordVersion, now: options.now }
  return runInWorker('import-worker', job, {
    result: preparedImportSchema,
    onProgress: options.onProgress,
    failure: 'The import could not be checked',
  })
}
