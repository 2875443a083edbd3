/**
 * The Codex Responses client as the chat turn runner sees it. Wire details (headers, body, SSE framing, retries)
 * stay inside codex/; the runner speaks in these types.
 */
import type { ModelSpec, ReasoningEffort, RetryNotice, TokenUsage, UsageLimits } from '../../shared/domain'
import type { RetryNow } from './retry'

/** `input` items as shared/protocol/codex.md §2.4 describes them; never with an `id`. */
export type InputItem =
  | { type: 'message'; role: 'user' | 'developer'; content: Array<{ type: 'input_text'; text: string }> }
  | { type: 'message'; role: 'assistant'; content: Array<{ type: 'output_text'; text: string }> }
  | { type: 'function_call'; name: string; arguments: string; call_id: string }
  | { type: 'function_call_output'; call_id: string; output: string }
  /** A reasoning output item replayed verbatim (with `encrypted_content`), its `id` removed. */
  | ({ type: 'reasoning' } & Record<string, unknown>)

export interface FunctionToolSpec {
  type: 'function'
  name: string
  description: string
  strict: boolean
  parameters: Record<string, unknown>
}

export interface ResponsesRequest {
  model: string
  instructions: string
  input: InputItem[]
  tools: FunctionToolSpec[]
  parallelToolCalls: boolean
  /** null for models without reasoning. */
  reasoning: { effort: ReasoningEffort; summary: 'auto' | 'concise' | 'detailed' } | null
  /** The conversation id: `prompt_cache_key`, `session_id` and `session-id`. */
  conversationId: string
}

/** A completed output item (`response.output_item.done`), as the backend sent it. */
export type OutputItem = { type: string; id?: string } & Record<string, unknown>

export type StreamEvent =
  | { type: 'created'; responseId?: string }
  | { type: 'output-item-added'; outputIndex?: number; item: OutputItem }
  | { type: 'text-delta'; itemId?: string; outputIndex?: number; contentIndex?: number; delta: string }
  | { type: 'reasoning-summary-part-added'; itemId?: string; outputIndex?: number; summaryIndex: number }
  | { type: 'reasoning-summary-delta'; itemId?: string; outputIndex?: number; summaryIndex: number; delta: string }
  | { type: 'function-call-arguments-delta'; itemId?: string; outputIndex?: number; delta: string }
  | { type: 'output-item-done'; outputIndex?: number; item: OutputItem }
  /**
   * A re-sent request (after a break mid-answer) produced its first output: everything the broken attempt streamed
   * is void, and the events that follow replace it.
   */
  | { type: 'output-replaced' }

export interface StreamOutcome {
  /** `completed` ended the turn well; `incomplete` ended it early (`response.incomplete`). */
  status: 'completed' | 'incomplete'
  incompleteReason?: string
  responseId?: string
  usage?: TokenUsage
}

export interface StreamOptions {
  signal: AbortSignal
  onEvent(event: StreamEvent): void
  /** Announced before each backoff wait. */
  onRetry?(notice: RetryNotice): void
  /** Lets the user end a wait early. */
  retryNow?: RetryNow
  /** Rate-limit headers and `codex.rate_limits` events. */
  onUsageLimits?(limits: Partial<UsageLimits>): void
}

export interface CodexClient {
  /**
   * Sends one request and streams its events. Retries (429 other than usage limits, 5xx other than an overloaded
   * model, network errors, cut or idle streams, even after output) happen inside, announced through `onRetry`; a
   * re-send after output announces `output-replaced` before its first output. 401 refreshes once and replays.
   * Resolves on `response.completed` / `response.incomplete`; rejects with an AppErrorException otherwise
   * (`cancelled` when the signal aborts).
   */
  stream(request: ResponsesRequest, options: StreamOptions): Promise<StreamOutcome>
  /** `/models`: the signed-in account's list, null when it cannot be had. */
  listModels(options?: { signal?: AbortSignal }): Promise<ModelSpec[] | null>
}
