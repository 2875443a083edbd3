import { clipAtWord, collapseWhitespace } from './text'

export const DEFAULT_TITLE = 'New chat'
const TITLE_LENGTH = 50

/** A title derived locally from the first user message: no request leaves the machine for it. */
export function titleFromMessage(text: string): string | undefined {
  const firstLine = text.split('\n').find((line) => line.trim().length > 0)
  if (!firstLine) return undefined
  return clipAtWord(collapseWhitespace(firstLine), TITLE_LENGTH)
}
