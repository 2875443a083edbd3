import type { ReadonlyMessage } from '../../shared/domain'

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Shortens to at most `max` characters plus "…", at a word boundary unless that would lose most of the text. */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const lastSpace = cut.lastIndexOf(' ')
  const head = lastSpace >= max * 0.5 ? cut.slice(0, lastSpace) : cut
  return `${head.replace(/[\s,;:.-]+$/, '')}…`
}

/** What the user reads of a message: its text parts (reasoning and tool calls are not the message itself). */
export function messageText(message: ReadonlyMessage): string {
  let text = ''
  for (const part of message.parts) {
    if (part.kind === 'text') text = text ? `${text}\n${part.text}` : part.text
  }
  return text
}
