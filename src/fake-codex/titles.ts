/**
 * The fake's side of conversation titles: after a first answer the app asks for a short title in a request of its
 * own; the fake writes one from the user's words (capitalised, at most six), unless a test set the next one.
 */
import { TITLE_INSTRUCTIONS } from '../main/chat/title-prompt'
import type { Scenario } from './scenarios'

export function isTitleRequest(body: Record<string, unknown>): boolean {
  return body.instructions === TITLE_INSTRUCTIONS
}

function questionIn(input: unknown): string {
  const first = Array.isArray(input) ? (input[0] as { content?: Array<{ text?: unknown }> } | undefined) : undefined
  const text = typeof first?.content?.[0]?.text === 'string' ? first.content[0].text : ''
  return /The user wrote:\n([\s\S]*?)\n\nThe assistant answered:/.exec(text)?.[1] ?? text
}

export function titleScenario(input: unknown, chosen: string | null): Scenario {
  if (chosen !== null) return { kind: 'text', text: chosen }
  const words = questionIn(input)
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, 6)
  const title = words.map((word) => word[0].toLocaleUpperCase() + word.slice(1)).join(' ')
  return { kind: 'text', text: title || 'Untitled' }
}
