// The import worker's entry: checks and prepares an exported conversation off the main thread, which would
// otherwise stop answering every other request (and every streaming answer) for seconds on a large file.
import { prepareImport } from './import-preparation'
import { importJobSchema } from './import-protocol'
import { answerJob } from './worker-protocol'

void answerJob(importJobSchema, ({ content, recordVersion, now }, onProgress) =>
  prepareImport(content, { recordVersion, now, onProgress }),
)
