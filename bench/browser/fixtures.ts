/**
 * What the browser benchmarks seed: threads and sidebars of a given size, written through the real store, and the
 * long answer the fake backend streams. Deterministic, so every run measures the same content.
 */
import { tokenize } from '../../src/fake-codex/response-events'
import type { ChatMessage, Conversation } from '../../src/shared/domain'
import { conversation } from '../../tests/e2e/support/seed-data'

const WORDS =
  'the quick brown fox jumps over a lazy dog while planning tomorrow’s garden and reading code that compiles'.split(' ')

/** The word only the search's conversations contain. */
export const SEARCH_WORD = 'zephyrine'
/** Ends the newest message of the seeded thread `id`, so a benchmark can see when its newest messages are on screen. */
export function newestMarker(id: string): string {
  return `newest-of-${id}`
}

const START = 1_760_000_000_000

function sentence(seed: number, words: number): string {
  return Array.from({ length: words }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]).join(' ')
}

function message(thread: number, index: number, words: number, at: number): ChatMessage {
  const user = index % 2 === 0
  return {
    id: `m${thread}-${index}`,
    role: user ? 'user' : 'assistant',
    createdAt: at,
    parts: [{ kind: 'text', text: sentence(thread + index, user ? Math.ceil(words / 6) : words) }],
    state: 'done',
    ...(user ? {} : { model: 'gpt-5.5' }),
  }
}

export interface ThreadSpec {
  id: string
  title: string
  messages: number
  /** Words of an assistant message (a user message has a sixth of them). */
  answerWords: number
  /** Newer conversations sort first in the sidebar. */
  order: number
  /** Put SEARCH_WORD in its first message. */
  searchable?: boolean
}

export function thread(spec: ThreadSpec): Conversation {
  const start = START + spec.order * 60_000
  const messages = Array.from({ length: spec.messages }, (_, i) =>
    message(spec.order, i, spec.answerWords, start + i * 1_000),
  )
  const first = messages[0]
  const last = messages.at(-1)
  if (spec.searchable && first) messages[0] = withText(first, `${SEARCH_WORD} ${textOf(first)}`)
  if (last) messages[messages.length - 1] = withText(last, `${textOf(last)} ${newestMarker(spec.id)}`)
  return conversation(spec.id, spec.title, start + spec.messages * 1_000, messages, { createdAt: start })
}

function textOf(message: ChatMessage): string {
  return message.parts.flatMap((part) => (part.kind === 'text' ? [part.text] : [])).join('')
}

function withText(message: ChatMessage, text: string): ChatMessage {
  return { ...message, parts: [{ kind: 'text', text }] }
}

/** `count` small conversations (6 messages each), every `searchEvery`-th one holding SEARCH_WORD. */
export function sidebar(count: number, searchHits = 0): Conversation[] {
  const every = searchHits > 0 ? Math.floor(count / searchHits) : 0
  return Array.from({ length: count }, (_, n) =>
    thread({
      id: `c${n}`,
      title: `Conversation ${n}`,
      messages: 6,
      answerWords: 60,
      order: n,
      searchable: every > 0 && n % every === 0 && n / every < searchHits,
    }),
  )
}

/**
 * An answer of exactly `tokens` word-sized deltas (the fake's grain) that exercises the Markdown renderer as a real
 * one does: headings, paragraphs, lists and fenced code.
 */
export function longAnswer(tokens: number): string {
  const sections: string[] = []
  let count = 0
  for (let n = 0; count < tokens; n++) {
    const section = [
      `## Step ${n + 1}: ${sentence(n, 4)}`,
      '',
      sentence(n, 70),
      '',
      `- ${sentence(n + 1, 9)}`,
      `- ${sentence(n + 2, 11)} with \`inline code\``,
      `- **${sentence(n + 3, 3)}** ${sentence(n + 4, 8)}`,
      '',
      '```ts',
      ...Array.from({ length: 8 }, (_, line) => `const value${line} = compute(${line}, "${sentence(n + line, 3)}")`),
      '```',
      '',
      sentence(n + 5, 45),
      '',
      '',
    ].join('\n')
    sections.push(section)
    count += tokenize(section).length
  }
  return tokenize(sections.join('')).slice(0, tokens).join('')
}
