/**
 * The fake's side of long conversations: the real backend refuses an input larger than the model's context window
 * (`context_length_exceeded`, as `response.failed` in a 200 stream), and a client that compacts asks the model for
 * a summary, which the fake writes from the messages it was given.
 */
import { SUMMARIZATION_INSTRUCTIONS } from '../main/chat/compaction-prompt'
import type { FakeModelInfo } from './models-catalog'
import type { Scenario } from './scenarios'

/** The fake counts 4 characters of the request body as one token, for the window and for the reported usage. */
export function inputTokensFor(bodyChars: number): number {
  return Math.max(1, Math.ceil(bodyChars / 4))
}

/** The window of a model the fake serves (it refuses every other slug before asking). */
export function contextWindowOf(slug: string, models: readonly FakeModelInfo[]): number | undefined {
  return models.find((entry) => entry.slug === slug)?.context_window
}

/** As the real backend words it (tests/fixtures/protocol/codex_response_failed_examples.sse). */
export const CONTEXT_LENGTH_EXCEEDED: Scenario = {
  kind: 'failed',
  code: 'context_length_exceeded',
  message: 'Your input exceeds the context window of this model. Please adjust your input and try again.',
}

export function isSummarizationRequest(body: Record<string, unknown>): boolean {
  return body.instructions === SUMMARIZATION_INSTRUCTIONS
}

const CLIP = 100
const MAX_POINTS = 8

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > CLIP ? `${flat.slice(0, CLIP - 1)}…` : flat
}

interface MessageItem {
  type?: unknown
  role?: unknown
  content?: unknown
}

function textOf(item: MessageItem): string {
  if (!Array.isArray(item.content)) return ''
  return item.content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('')
}

/** A plausible summary: one line per message it was given (the last few), the request itself left out. */
export function summaryScenario(input: unknown): Scenario {
  const items = (Array.isArray(input) ? input : []) as MessageItem[]
  const messages = items.filter((item) => item.type === 'message').slice(0, -1)
  const points = messages.slice(-MAX_POINTS).map((item) => {
    const who = item.role === 'assistant' ? 'The assistant answered' : 'The user wrote'
    return `- ${who}: "${clip(textOf(item))}"`
  })
  const text = [`Summary of the earlier conversation (${messages.length} messages):`, ...points].join('\n')
  return { kind: 'text', text }
}
