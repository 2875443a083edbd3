import { fail } from '../../shared/errors'
import type { ReportProgress } from '../ports'
import { parseConversationText } from './conversation-file'
import { presentConversation } from './conversation-state'
import { exportContent } from './conversation-transfer'
import { writeAtomically } from './durable-files'
import type { ExportJob, ExportOutcome } from './export-protocol'
import { RECORD_VERSIONING } from './migrations'
import { describeError, readFailure } from './storage-errors'

/**
 * Everything an export does after main has read the file: replays it (read only: a load on main repairs files, an
 * export never writes the data folder), renders the format, and writes the destination whole or not at all. Runs in
 * export-worker.ts, where the seconds a very long conversation takes stall nothing. `onProgress` hears lines read.
 */
export async function renderExport(job: ExportJob, onProgress: ReportProgress): Promise<ExportOutcome> {
  const text = new TextDecoder().decode(job.file)
  let parsed: ReturnType<typeof parseConversationText>
  try {
    // Files are written by this app's own record versions; a store opened with another versioning is a test's.
    parsed = parseConversationText(text, 'The conversation file', RECORD_VERSIONING, () => {}, onProgress)
  } catch (error) {
    return readFailure(error)
  }
  const content = exportContent(presentConversation(parsed.state.conversation), job.format)
  if (job.destination === null) return { content }
  try {
    // A temp file renamed over the destination: a failure leaves what was there before, never half an export.
    await writeAtomically(job.destination, content)
  } catch (error) {
    return fail('storage', `Could not save the export: ${describeError(error)}`)
  }
  return { content: null }
}
