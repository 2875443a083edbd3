/** One decoded Responses SSE payload, dispatched on its JSON `type` (codex.md §3.2), never on the `event:` line. */
import type { TokenUsage, UsageLimits } from '../../shared/domain'
import { isRecord, num, record, str } from '../../shared/narrow'
import { type AttemptError, classifyStreamFailure } from './errors'
import { usageLimitsFromEvent } from './rate-limits'
import type { OutputItem, StreamEvent, StreamOutcome } from './types'

export type DecodedPayload =
  | { kind: 'event'; event: StreamEvent }
  | { kind: 'terminal'; outcome: StreamOutcome }
  | { kind: 'failed'; error: AttemptError }
  | { kind: 'usage-limits'; limits: Partial<UsageLimits> }
  | { kind: 'ignored' }

const IGNORED: DecodedPayload = { kind: 'ignored' }

export function decodePayload(payload: Record<string, unknown>, now: number): DecodedPayload {
  const itemId = str(payload.item_id)
  const outputIndex = num(payload.output_index)
  const event = (value: StreamEvent): DecodedPayload => ({ kind: 'event', event: value })
  switch (payload.type) {
    case 'response.created':
      return event({ type: 'created', responseId: str(record(payload.response).id) })
    case 'response.output_item.added':
    case 'response.output_item.done': {
      const item = outputItem(payload.item)
      if (!item) return IGNORED
      const type = payload.type === 'response.output_item.added' ? 'output-item-added' : 'output-item-done'
      return event({ type, outputIndex, item })
    }
    case 'response.output_text.delta':
    case 'response.refusal.delta':
      return event({
        type: 'text-delta',
        itemId,
        outputIndex,
        contentIndex: num(payload.content_index),
        delta: str(payload.delta) ?? '',
      })
    case 'response.reasoning_summary_part.added':
      return event({
        type: 'reasoning-summary-part-added',
        itemId,
        outputIndex,
        summaryIndex: num(payload.summary_index) ?? 0,
      })
    case 'response.reasoning_summary_text.delta':
      return event({
        type: 'reasoning-summary-delta',
        itemId,
        outputIndex,
        summaryIndex: num(payload.summary_index) ?? 0,
        delta: str(payload.delta) ?? '',
      })
    case 'response.function_call_arguments.delta':
      return event({ type: 'function-call-arguments-delta', itemId, outputIndex, delta: str(payload.delta) ?? '' })
    case 'response.completed':
      return terminal('completed', record(payload.response))
    case 'response.incomplete':
      return terminal('incomplete', record(payload.response))
    case 'response.failed':
      return { kind: 'failed', error: classifyStreamFailure(record(payload.response).error, now) }
    case 'error':
      return { kind: 'failed', error: classifyStreamFailure(payload, now) }
    case 'codex.rate_limits': {
      const limits = usageLimitsFromEvent(payload, now)
      return limits ? { kind: 'usage-limits', limits } : IGNORED
    }
    default:
      return IGNORED
  }
}

function terminal(status: StreamOutcome['status'], response: Record<string, unknown>): DecodedPayload {
  const outcome: StreamOutcome = { status, responseId: str(response.id), usage: tokenUsage(response.usage) }
  if (status === 'incomplete') {
    outcome.incompleteReason = str(record(response.incomplete_details).reason) ?? 'unknown'
  }
  return { kind: 'terminal', outcome }
}

/** The `*_details` objects may be null (codex.md §3.2); missing counts are 0. */
export function tokenUsage(value: unknown): TokenUsage | undefined {
  if (!isRecord(value)) return undefined
  const inputTokens = num(value.input_tokens) ?? 0
  const outputTokens = num(value.output_tokens) ?? 0
  return {
    inputTokens,
    cachedInputTokens: num(record(value.input_tokens_details).cached_tokens) ?? 0,
    outputTokens,
    reasoningOutputTokens: num(record(value.output_tokens_details).reasoning_tokens) ?? 0,
    totalTokens: num(value.total_tokens) ?? inputTokens + outputTokens,
  }
}

function outputItem(value: unknown): OutputItem | undefined {
  return isRecord(value) && typeof value.type === 'string' ? (value as OutputItem) : undefined
}
