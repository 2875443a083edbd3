/**
 * Scripted answers of the fake Responses endpoint. Tests enqueue them (`responses.enqueue(...)`); each request takes
 * the next one, or the default answer when the queue is empty.
 */
import type { ServerResponse } from 'node:http'
import {
  type FunctionCallSpec,
  itemId,
  type OutputItemJson,
  type Pace,
  streamFunctionCall,
  streamMessage,
  streamReasoning,
  usageFor,
} from './response-events'
import { createSseWriter, type SseFraming, type SseWriter } from './sse-writer'

export interface RateLimitWindowSpec {
  usedPercent: number
  windowMinutes?: number
  /** Unix seconds. */
  resetAt?: number
}

export interface ScenarioOptions {
  framing?: SseFraming
  /** `x-codex-*` usage headers on the response. */
  rateLimits?: { primary?: RateLimitWindowSpec; secondary?: RateLimitWindowSpec; planType?: string }
  /** Deltas per second; unpaced when absent. */
  tokensPerSecond?: number
  /** Keep the body open after the terminal event, as some proxies do. */
  keepOpen?: boolean
  /** Play this scenario for this many requests in a row (default 1). */
  times?: number
  /** Text and reasoning deltas without `item_id` / `output_index`. */
  deltasWithoutIds?: boolean
  /**
   * The answer's text stops after this many deltas until the test calls `responses.release()`: a test can look at
   * an answer mid-stream without betting on how fast the machine is.
   */
  holdAfterDeltas?: number
}

export type Scenario = ScenarioOptions &
  (
    | { kind: 'text'; text: string; reasoning?: string[] }
    | { kind: 'function-calls'; calls: FunctionCallSpec[]; reasoning?: string[]; text?: string }
    /** 429 with `Retry-After` in seconds or as an HTTP date, or neither. */
    | { kind: 'rate-limited'; retryAfterSeconds?: number; retryAfterDate?: Date; retryAfterMs?: number }
    /** The §4.3 usage-limit body; `status` 404 as it has been seen too. */
    | {
        kind: 'usage-limit'
        resetsAt?: number
        resetsInSeconds?: number
        planType?: string
        status?: 429 | 404
        type?: 'usage_limit_reached' | 'usage_not_included'
      }
    | { kind: 'http-error'; status: number; body: unknown; headers?: Record<string, string> }
    /** Destroys the socket after `afterDeltas` text deltas. */
    | { kind: 'cut'; afterDeltas: number; text?: string }
    /** Sends an unparsable `data:` line after `afterDeltas` text deltas, then the rest of `text` and completes. */
    | { kind: 'malformed'; afterDeltas?: number; text?: string }
    /**
     * Stops sending events after `afterDeltas` text deltas but keeps the socket open; with `keepAliveMs`, an SSE
     * comment trickles in at that interval, which is not an event (codex.md §4.5: the idle timeout is per event).
     */
    | { kind: 'idle'; afterDeltas?: number; keepAliveMs?: number }
    /** A text delta event of `bytes` bytes after `afterDeltas` deltas (a proxy gone wrong), then the answer ends. */
    | { kind: 'oversized'; bytes: number; afterDeltas?: number }
    | { kind: 'failed'; code: string; message?: string; afterDeltas?: number }
    | { kind: 'incomplete'; reason: string; text?: string }
    /** Serves `body` verbatim as the SSE stream (fixture files, odd framings). */
    | { kind: 'raw'; body: string }
  )

export interface PlayContext {
  /** Size of the request body, for the usage numbers. */
  inputChars: number
  model: string
  /** Registers the open response so `abortAll()` can end it. */
  track(res: ServerResponse): void
  /** Resolves once the test releases held answers (`holdAfterDeltas`). */
  released(): Promise<void>
  /** Counts the keep-alive comments of idle trickles, so a test can wait for them. */
  keptAlive(): void
}

export function defaultScenario(lastUserText: string): Scenario {
  const echoed = lastUserText.trim() || '(an empty message)'
  return {
    kind: 'text',
    reasoning: ['**Reading the message**\n\nThe user wrote something; I will echo it back.'],
    text: `## Echo\n\nYou said:\n\n> ${echoed.split('\n').join('\n> ')}\n\nThis answer comes from the **fake Codex backend**.`,
  }
}

function rateLimitHeaders(options: ScenarioOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const limits = options.rateLimits
  for (const which of ['primary', 'secondary'] as const) {
    const window = limits?.[which]
    if (!window) continue
    headers[`x-codex-${which}-used-percent`] = String(window.usedPercent)
    if (window.windowMinutes !== undefined) headers[`x-codex-${which}-window-minutes`] = String(window.windowMinutes)
    if (window.resetAt !== undefined) headers[`x-codex-${which}-reset-at`] = String(window.resetAt)
  }
  if (limits?.planType) headers['x-codex-plan-type'] = limits.planType
  return headers
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

export async function playScenario(scenario: Scenario, res: ServerResponse, ctx: PlayContext): Promise<void> {
  const headers = rateLimitHeaders(scenario)
  switch (scenario.kind) {
    case 'rate-limited': {
      if (scenario.retryAfterSeconds !== undefined) headers['retry-after'] = String(scenario.retryAfterSeconds)
      if (scenario.retryAfterDate) headers['retry-after'] = scenario.retryAfterDate.toUTCString()
      if (scenario.retryAfterMs !== undefined) headers['retry-after-ms'] = String(scenario.retryAfterMs)
      const error = { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded', message: 'Rate limit reached.' }
      sendJson(res, 429, { error }, headers)
      return
    }
    case 'usage-limit': {
      const type = scenario.type ?? 'usage_limit_reached'
      const error = {
        type,
        message:
          type === 'usage_limit_reached' ? 'The usage limit has been reached' : 'Codex is not included in your plan',
        plan_type: scenario.planType ?? 'plus',
        resets_at: scenario.resetsAt ?? null,
        eligible_promo: null,
        ...(scenario.resetsInSeconds !== undefined && { resets_in_seconds: scenario.resetsInSeconds }),
      }
      sendJson(res, scenario.status ?? 429, { error }, headers)
      return
    }
    case 'http-error':
      sendJson(res, scenario.status, scenario.body, { ...headers, ...scenario.headers })
      return
    default:
      return streamScenario(scenario, res, headers, ctx)
  }
}

async function streamScenario(
  scenario: Scenario,
  res: ServerResponse,
  headers: Record<string, string>,
  ctx: PlayContext,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers })
  ctx.track(res)
  if (scenario.kind === 'raw') {
    res.write(scenario.body)
    if (!scenario.keepOpen) res.end()
    return
  }
  const sse = createSseWriter(res, scenario.framing ?? 'event-lines')
  const pace = pacer(sse, scenario.tokensPerSecond)
  const responseId = itemId('resp')
  const shell = { id: responseId, object: 'response', model: ctx.model, output: [] as OutputItemJson[] }
  sse.send({ type: 'response.created', response: { ...shell, status: 'in_progress' } })
  sse.send({ type: 'response.in_progress', response: { ...shell, status: 'in_progress' } })

  const output: OutputItemJson[] = []
  const reasoning = 'reasoning' in scenario ? (scenario.reasoning ?? []) : []
  if (reasoning.length > 0) {
    const item = await streamReasoning(sse, output.length, reasoning, pace, {
      deltasWithoutIds: scenario.deltasWithoutIds,
    })
    if (!item) return
    output.push(item)
  }

  // A partial answer first (none for 0, so the fault comes before any output), then the fault itself.
  const partial = async (afterDeltas: number | undefined, text = longText()) => {
    if (afterDeltas)
      await streamMessage(sse, output.length, text, pace, {
        deltasWithoutIds: scenario.deltasWithoutIds,
        stopAfter: afterDeltas,
      })
  }
  switch (scenario.kind) {
    case 'cut':
      await partial(scenario.afterDeltas, scenario.text)
      // Ending the socket (not destroying it) flushes the deltas already written, then drops the unfinished body.
      res.socket?.end()
      return
    case 'idle':
      await partial(scenario.afterDeltas)
      if (scenario.keepAliveMs) trickleKeepAlives(sse, scenario.keepAliveMs, ctx)
      return
    case 'oversized': {
      await partial(scenario.afterDeltas)
      // Without ids it belongs to the message the partial answer opened (codex.md §0).
      sse.send({ type: 'response.output_text.delta', delta: 'x'.repeat(scenario.bytes) })
      sse.send({ type: 'response.completed', response: { ...shell, status: 'completed', output, usage: null } })
      return finish(sse, scenario)
    }
    case 'failed': {
      await partial(scenario.afterDeltas)
      const error = { code: scenario.code, message: scenario.message ?? `The response failed: ${scenario.code}.` }
      sse.send({ type: 'response.failed', response: { ...shell, status: 'failed', error, usage: null } })
      return finish(sse, scenario)
    }
    default:
      break
  }

  const texts: string[] = []
  const text =
    scenario.kind === 'function-calls'
      ? scenario.text
      : scenario.kind === 'text' || scenario.kind === 'incomplete' || scenario.kind === 'malformed'
        ? (scenario.text ?? 'Partial answer')
        : undefined
  if (text) {
    const interject =
      scenario.kind === 'malformed' ? { afterDeltas: scenario.afterDeltas ?? 0, raw: UNREADABLE_EVENT } : undefined
    const hold =
      scenario.holdAfterDeltas === undefined
        ? undefined
        : { afterDeltas: scenario.holdAfterDeltas, release: ctx.released }
    const item = await streamMessage(sse, output.length, text, pace, {
      deltasWithoutIds: scenario.deltasWithoutIds,
      interject,
      hold,
    })
    if (!item) return
    output.push(item)
    texts.push(text)
  }
  if (scenario.kind === 'function-calls') {
    for (const call of scenario.calls) {
      const item = await streamFunctionCall(sse, output.length, call, pace)
      if (!item) return
      output.push(item)
      texts.push(call.arguments)
    }
  }
  const usage = usageFor(ctx.inputChars, texts, reasoning)
  if (scenario.kind === 'incomplete') {
    const incomplete_details = { reason: scenario.reason }
    sse.send({
      type: 'response.incomplete',
      response: { ...shell, status: 'incomplete', incomplete_details, output, usage },
    })
  } else {
    sse.send({ type: 'response.completed', response: { ...shell, status: 'completed', output, usage } })
  }
  finish(sse, scenario)
}

function finish(sse: SseWriter, scenario: ScenarioOptions): void {
  if (!scenario.keepOpen) sse.end()
}

/** SSE comments at an interval until the client goes away; they carry no event. */
function trickleKeepAlives(sse: SseWriter, intervalMs: number, ctx: PlayContext): void {
  const timer = setInterval(() => {
    if (sse.closed) {
      clearInterval(timer)
      return
    }
    sse.raw(': keep-alive\n\n')
    ctx.keptAlive()
  }, intervalMs)
}

/**
 * Holds the rate over the whole answer, as a model generating at a steady speed does: the n-th delta is due n
 * intervals after the first, so a delta late because the machine was busy is followed by the ones due meanwhile at
 * once (a per-delta sleep would drift slower under load, and a benchmark would measure a gentler stream).
 */
function pacer(sse: SseWriter, tokensPerSecond: number | undefined): Pace {
  const interval = tokensPerSecond && tokensPerSecond > 0 ? 1000 / tokensPerSecond : 0
  let start: number | undefined
  let paced = 0
  return async () => {
    if (interval > 0) {
      start ??= performance.now()
      const wait = start + ++paced * interval - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    }
    return !sse.closed
  }
}

/** A delta event cut off in the middle of its JSON. */
const UNREADABLE_EVENT = 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":\n\n'

function longText(): string {
  return Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ')
}
