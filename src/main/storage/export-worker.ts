// The export worker's entry: renders and writes an export off the main thread, which would otherwise stop answering
// every other request (and every streaming answer) for seconds on a very long conversation.
import { exportJobSchema } from './export-protocol'
import { renderExport } from './export-rendering'
import { answerJob } from './worker-protocol'

void answerJob(exportJobSchema, renderExport)
