import type { ReportProgress } from '../ports'
import type { ExportJob, ExportOutcome } from './export-protocol'
import { exportOutcomeSchema } from './export-protocol'
import { runInWorker } from './worker-runner'

/** Runs renderExport in a worker thread (export-worker.ts). */
export function renderExportInWorker(job: ExportJob, onProgress: ReportProgress): Promise<ExportOutcome> {
  return runInWorker('export-worker', job, {
    result: exportOutcomeSchema,
    onProgress,
    failure: 'The export could not be made',
  })
}
