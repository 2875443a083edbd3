import type { ExportFormat, ReadonlyConversation } from '../../shared/domain'
import { conversationToMarkdown } from './export-markdown'

export const EXPORT_FORMAT = 'codex-desk.conversation'
export const EXPORT_VERSION = 1

/** The file each export format makes. */
export const EXPORT_TYPES: Readonly<Record<ExportFormat, { extension: string; mimeType: string }>> = {
  markdown: { extension: 'md', mimeType: 'text/markdown' },
  json: { extension: 'json', mimeType: 'application/json' },
}

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

export function exportContent(conversation: ReadonlyConversation, format: ExportFormat): string {
  if (format === 'markdown') return conversationToMarkdown(conversation)
  const { busy: _busy, ...saved } = conversation
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, conversation: saved }, null, 2)}\n`
}
