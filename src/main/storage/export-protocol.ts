import { z } from 'zod'
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/domain'

/** What main hands the export worker (workerData): the conversation file as read under its queue. */
export interface ExportJob {
  file: Uint8Array
  format: ExportFormat
  /** Where to write the export, or null to send its content back. */
  destination: string | null
}

export const exportJobSchema: z.ZodType<ExportJob> = z.object({
  file: z.instanceof(Uint8Array),
  format: z.enum(EXPORT_FORMATS),
  destination: z.string().min(1).nullable(),
})

/** What the export worker answers with when done: the content, or null once it is written to the destination. */
export interface ExportOutcome {
  content: string | null
}

export const exportOutcomeSchema: z.ZodType<ExportOutcome> = z.object({ content: z.string().nullable() })
