/**
 * The event sequences the real backend streams for each output item (shared/protocol/codex.md §3.3), with
 * `item_id`, `output_index`, `content_index` and `summary_index` where the captures have them.
 */
import { randomBytes } from 'node:crypto'
import { inputTokensFor } from './context-window'
import type { SseWriter } from './sse-writer'

export type OutputItemJson = { type: string } & Record<string, unknown>

/** Splits text into word-sized deltas, the grain the real stream uses. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : [])
}

export function itemId(prefix: 'rs' | 'msg' | 'fc' | 'resp'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`
}

/** Paces deltas; resolves false when the stream was closed meanwhile. */
export type Pace = () => Promise<boolean>

export interface StreamShape {
  /** Deltas without `item_id` / `output_index` (some proxies and older backends, codex.md §0); the items keep them. */
  deltasWithoutIds?: boolean
}

/** Where a delta says it belongs. */
function deltaAt<T extends Record<string, unknown>>(shape: StreamShape, at: T, idless: Partial<T>): Partial<T> {
  return shape.deltasWithoutIds ? idless : at
}

export async function streamReasoning(
  sse: SseWriter,
  outputIndex: number,
  paragraphs: string[],
  pace: Pace,
  shape: StreamShape = {},
): Promise<OutputItemJson | null> {
  const id = itemId('rs')
  sse.send({
    type: 'response.output_item.added',
    output_index: outputIndex,
    item: { id, type: 'reasoning', summary: [] },
  })
  const summary: Array<{ type: 'summary_text'; text: string }> = []
  for (const [summaryIndex, paragraph] of paragraphs.entries()) {
    const at = { item_id: id, output_index: outputIndex, summary_index: summaryIndex }
    sse.send({ type: 'response.reasoning_summary_part.added', ...at, part: { type: 'summary_text', text: '' } })
    for (const delta of tokenize(paragraph)) {
      if (!(await pace())) return null
      sse.send({
        type: 'response.reasoning_summary_text.delta',
        ...deltaAt(shape, at, { summary_index: summaryIndex }),
        delta,
      })
    }
    sse.send({ type: 'response.reasoning_summary_text.done', ...at, text: paragraph })
    sse.send({ type: 'response.reasoning_summary_part.done', ...at, part: { type: 'summary_text', text: paragraph } })
    summary.push({ type: 'summary_text', text: paragraph })
  }
  const item = { id, type: 'reasoning', summary, encrypted_content: `gAAAA${randomBytes(24).toString('base64url')}` }
  sse.send({ type: 'response.output_item.done', output_index: outputIndex, item })
  return item
}

export interface MessageShape extends StreamShape {
  /** After this many deltas the caller takes over (cuts, idle trickles). */
  stopAfter?: number
  /** Written as is after this many deltas, then the message goes on (an unreadable event mid-stream). */
  interject?: { afterDeltas: number; raw: string }
  /** After this many deltas the stream waits until `release` resolves (a test looks at the answer mid-stream). */
  hold?: { afterDeltas: number; release(): Promise<void> }
}

/** Streams a message, shaped as the scenario asks. */
export async function streamMessage(
  sse: SseWriter,
  outputIndex: number,
  text: string,
  pace: Pace,
  shape: MessageShape = {},
): Promise<OutputItemJson | null> {
  const { stopAfter, interject, hold } = shape
  const id = itemId('msg')
  const at = { item_id: id, output_index: outputIndex, content_index: 0 }
  sse.send({
    type: 'response.output_item.added',
    output_index: outputIndex,
    item: { id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
  })
  sse.send({
    type: 'response.content_part.added',
    ...at,
    part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
  })
  const deltas = tokenize(text)
  for (const [index, delta] of deltas.entries()) {
    if (stopAfter !== undefined && index >= stopAfter) return null
    if (interject?.afterDeltas === index) sse.raw(interject.raw)
    if (hold?.afterDeltas === index) await hold.release()
    if (!(await pace())) return null
    sse.send({ type: 'response.output_text.delta', ...deltaAt(shape, at, { content_index: 0 }), delta, logprobs: [] })
  }
  if (stopAfter !== undefined && deltas.length <= stopAfter) return null
  const part = { type: 'output_text', annotations: [], logprobs: [], text }
  sse.send({ type: 'response.output_text.done', ...at, text, logprobs: [] })
  sse.send({ type: 'response.content_part.done', ...at, part })
  const item = { id, type: 'message', status: 'completed', content: [part], role: 'assistant' }
  sse.send({ type: 'response.output_item.done', output_index: outputIndex, item })
  return item
}

export interface FunctionCallSpec {
  name: string
  /** JSON string, as the model produces it. */
  arguments: string
  callId?: string
}

export async function streamFunctionCall(
  sse: SseWriter,
  outputIndex: number,
  call: FunctionCallSpec,
  pace: Pace,
): Promise<OutputItemJson | null> {
  const id = itemId('fc')
  const callId = call.callId ?? `call_${randomBytes(8).toString('hex')}`
  const base = { id, type: 'function_call', call_id: callId, name: call.name }
  sse.send({
    type: 'response.output_item.added',
    output_index: outputIndex,
    item: { ...base, status: 'in_progress', arguments: '' },
  })
  // Argument deltas come in small slices, not whole words.
  for (const delta of call.arguments.match(/[\s\S]{1,8}/g) ?? []) {
    if (!(await pace())) return null
    sse.send({ type: 'response.function_call_arguments.delta', item_id: id, output_index: outputIndex, delta })
  }
  sse.send({
    type: 'response.function_call_arguments.done',
    item_id: id,
    output_index: outputIndex,
    arguments: call.arguments,
  })
  const item = { ...base, status: 'completed', arguments: call.arguments }
  sse.send({ type: 'response.output_item.done', output_index: outputIndex, item })
  return item
}

export function usageFor(inputChars: number, output: string[], reasoning: string[]) {
  const inputTokens = inputTokensFor(inputChars)
  const reasoningTokens = reasoning.reduce((sum, text) => sum + tokenize(text).length, 0)
  const outputTokens = output.reduce((sum, text) => sum + tokenize(text).length, 0) + reasoningTokens
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  }
}
