import { z } from 'zod'
import type { Conversation } from '../../shared/domain'
import { fail } from '../../shared/errors'
import type { ExportedFile } from '../ports'
import { conversationToMarkdown } from './export-markdown'
import { conversationSchema } from './schemas'

export const EXPORT_FORMAT = 'codex-desk.conversation'
const EXPORT_VERSION = 1
/** An export nests a few levels (conversation, message, part, reasoning item); far deeper is not one of ours. */
const MAX_NESTING = 64

const exportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `This is not a Codex Desk conversation export.` }),
  version: z.literal(EXPORT_VERSION, { error: `Only version ${EXPORT_VERSION} exports can be imported.` }),
  conversation: conversationSchema,
})

/** A file name any OS accepts, from the title. */
export function exportFilename(title: string, extension: string): string {
  const name = title
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .replace(/[. ]+$/, '')
  return `${name || 'conversation'}.${extension}`
}

export function exportConversation(conversation: Conversation, format: 'markdown' | 'json'): ExportedFile {
  if (format === 'markdown') {
    return {
      filename: exportFilename(conversation.title, 'md'),
      content: conversationToMarkdown(conversation),
      mimeType: 'text/markdown',
    }
  }
  const { busy: _busy, ...saved } = conversation
  return {
    filename: exportFilename(conversation.title, 'json'),
    content: `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, conversation: saved }, null, 2)}\n`,
    mimeType: 'application/json',
  }
}

/** Validates a JSON export; throws AppError `import-invalid` saying what is wrong. */
export function parseExport(content: string): Conversation {
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
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
    return fail('import-invalid', `The file is not a valid conversation export: ${issues.slice(0, 3).join('; ')}.`, {
      issues,
    })
  }
  return parsed.data.conversation
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
