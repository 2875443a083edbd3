// The import worker's entry: checks and prepares an exported conversation off the main thread, which would
// otherwise stop answering every other request (and every streaming answer) for seconds on a large file.
import { parentPort, workerData } from 'node:worker_threads'
import { toAppError } from '../../shared/errors'
import { prepareImport } from './import-preparation'
import { type ImportWorkerMessage, importJobSchema } from './import-protocol'

const post = (message: ImportWorkerMessage): void => parentPort?.postMessage(message)

try {
  const { content, recordVersion, now } = importJobSchema.parse(workerData)
  const onProgress = (done: number, total: number) => post({ type: 'progress', done, total })
  post({ type: 'prepared', prepared: prepareImport(content, { recordVersion, now, onProgress }) })
} catch (error) {
  post({ type: 'failed', error: toAppError(error) })
}
