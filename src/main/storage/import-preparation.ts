import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Conversation, ConversationSummary } from '../../shared/domain'
import { fail } from '../../shared/errors'
import { recordsOf } from './conversation-records'
import { applyRecords, stateFromHeader, summarize } from './conversation-state'
import { EXPORT_FORMAT, EXPORT_VERSION } from './conversation-transfer'
import { serializeRecord, validForWriting } from './records'
import { conversationShellSchema, messageSchema } from './schemas'

/** An export nests a few levels (conversation, message, part, reasoning item); far deeper is not one of ours. */
const MAX_NESTING = 64
/** Often enough for a bar to move smoothly, rarely enough that messages cost nothing beside the checking. */
const PROGRESS_EVERY = 2_000

const exportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `This is not a Codex Desk conversation export.` }),
  version: z.literal(EXPORT_VERSION, { error: `Only version ${EXPORT_VERSION} exports can be imported.` }),
  conversation: conversationShellSchema,
})

/** An imported conversation ready to be written: its file's text, and the summary the index and sidebar take. */
export interface PreparedImport {
  id: string
  text: string
  summary: ConversationSummary
}

export interface ImportPreparationOptions {
  /** The record format version the file is written in. */
  recordVersion: number
  /** When the import happens: the conversation's last activity. */
  now: number
  /** Messages checked so far of all of them; called every few thousand and after the last one. */
  onProgress(done: number, total: number): void
}

/**
 * Everything an import computes before the file is written, with fresh ids so a conversation imported twice is two
 * conversations. Pure CPU work on a string, so it can run off the main thread (import-worker.ts). Throws AppError
 * `import-invalid` saying what is wrong with the file.
 */
export function prepareImport(content: string, options: ImportPreparationOptions): PreparedImport {
  const fresh = withFreshIds(validateExport(content, options.onProgress))
  const records = recordsOf(fresh, options.now).map(validForWriting)
  const header = records[0]
  if (header?.type !== 'header') return fail('internal', 'A conversation starts with its header.')
  const state = stateFromHeader(header)
  applyRecords(state, records)
  return {
    id: fresh.id,
    text: records.map((record) => serializeRecord(record, options.recordVersion)).join(''),
    summary: summarize(state.conversation),
  }
}

function validateExport(content: string, onProgress: ImportPreparationOptions['onProgress']): Conversation {
  let json: unknown
  try {
    json = JSON.parse(content)
  } catch {
    return fail('import-invalid', 'The file is not valid JSON, so it is not a Codex Desk conversation export.')
  }
  // Writing a deeply nested value back out would overflow the stack; it is refused before anything is saved.
  if (nestsDeeperThan(json, MAX_NESTING)) {
    return fail(
      'import-invalid',
      `The file nests data more than ${MAX_NESTING} levels deep, so it is not a Codex Desk conversation export.`,
    )
  }
  const parsed = exportFileSchema.safeParse(json)
  if (!parsed.success) return invalid(parsed.error.issues)
  const { messages: unchecked, ...conversation } = parsed.data.conversation
  const messages: Conversation['messages'] = []
  for (const [i, message] of unchecked.entries()) {
    const checked = messageSchema.safeParse(message)
    if (!checked.success) {
      return invalid(
        checked.error.issues.map((issue) => ({ ...issue, path: ['conversation', 'messages', i, ...issue.path] })),
      )
    }
    messages.push(checked.data)
    if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === unchecked.length) onProgress(i + 1, unchecked.length)
  }
  return { ...conversation, messages }
}

function invalid(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): never {
  const described = issues.map((issue) => `${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`)
  return fail('import-invalid', `The file is not a valid conversation export: ${described.slice(0, 3).join('; ')}.`, {
    issues: described,
  })
}

function withFreshIds(imported: Conversation): Conversation {
  const messages = imported.messages.map((message) => ({ ...message, id: randomUUID() }))
  const freshIds = new Map(imported.messages.map((message, i) => [message.id, messages[i].id]))
  return {
    ...imported,
    id: randomUUID(),
    messages,
    compactions: imported.compactions.flatMap((compaction) => {
      const throughMessageId = freshIds.get(compaction.throughMessageId)
      return throughMessageId ? [{ ...compaction, id: randomUUID(), throughMessageId }] : []
    }),
    notes: imported.notes?.map((note) => ({
      ...note,
      afterMessageId: note.afterMessageId === null ? null : (freshIds.get(note.afterMessageId) ?? null),
    })),
  }
}

/** Walks without recursion, so any depth can be measured. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue
    if (next.depth >= limit) return true
    for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 })
  }
  return false
}
