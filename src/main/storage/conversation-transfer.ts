import type { Conversation } from '../../shared/domain'
import type { ExportedFile } from '../ports'
import { conversationToMarkdown } from './export-markdown'

export const EXPORT_FORMAT = 'codex-desk.conversation'
export const EXPORT_VERSION = 1

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
