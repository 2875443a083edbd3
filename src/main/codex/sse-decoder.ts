/**
 * Reads a Responses SSE body until its terminal event. Any framing the protocol allows is accepted (CRLF, multi-line
 * `data:`, comments, events without `event:` lines, `[DONE]`); reading stops at the terminal event even when the
 * server keeps the body open.
 */
import { createParser } from 'eventsource-parser'
import type { UsageLimits } from '../../shared/domain'
import { appError } from '../../shared/errors'
import { AttemptError } from './errors'
import type { Sleep } from './retry'
import { type DecodedPayload, decodePayload } from './stream-events'
import type { StreamEvent, StreamOutcome } from './types'

export interface DecodeOptions {
  /** No event for this long means the stream is dead. */
  idleTimeoutMs: number
  onEvent(event: StreamEvent): void
  onUsageLimits(limits: Partial<UsageLimits>): void
  now(): number
  /** Times the idle deadline. */
  sleep: Sleep
  log(message: string): void
}

/**
 * One event larger than this is refused: the parser would otherwise hold an endless event in memory. Real events
 * stay far below it (the largest, `response.completed`, repeats the whole answer).
 */
export const MAX_EVENT_CHARS = 16 * 1024 * 1024

type Ending = { kind: 'outcome'; outcome: StreamOutcome } | { kind: 'error'; error: AttemptError }

export async function decodeResponseStream(
  body: ReadableStream<Uint8Array>,
  options: DecodeOptions,
): Promise<StreamOutcome> {
  const reader = body.getReader()
  const text = new TextDecoder()
  let ending: Ending | undefined
  let deadline = options.now() + options.idleTimeoutMs
  /** Characters read since the last event or comment ended: the size of the event being read, give or take a chunk. */
  let pending = 0

  const parser = createParser({
    onEvent(message) {
      pending = 0
      if (ending) return
      deadline = options.now() + options.idleTimeoutMs
      ending = handleData(message.data, options)
    },
    onComment() {
      pending = 0
    },
  })

  const idle = watchIdle(() => deadline, options)
  try {
    while (!ending) {
      const chunk = await Promise.race([reader.read().catch(() => 'cut' as const), idle.next()])
      if (chunk === 'cut') throw streamCut()
      if (chunk === 'idle') throw idleTimeout()
      if (chunk.done) {
        // A last event without its blank line still counts.
        parser.feed(`${text.decode()}\n\n`)
        break
      }
      const decoded = text.decode(chunk.value, { stream: true })
      pending += decoded.length
      if (pending > MAX_EVENT_CHARS) throw eventTooLarge()
      parser.feed(decoded)
    }
  } finally {
    idle.stop()
    reader.cancel().catch(() => {})
  }
  if (!ending) throw streamCut()
  if (ending.kind === 'error') throw ending.error
  return ending.outcome
}

function handleData(data: string, options: DecodeOptions): Ending | undefined {
  const trimmed = data.trim()
  if (trimmed === '' || trimmed === '[DONE]') return undefined
  let payload: unknown
  try {
    payload = JSON.parse(trimmed)
  } catch {
    // As Codex does: one unreadable event is skipped, never the whole answer. Its content may hold the user's text.
    options.log(`Skipped a stream event that is not JSON (${trimmed.length} characters).`)
    return undefined
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined
  const decoded: DecodedPayload = decodePayload(payload as Record<string, unknown>, options.now())
  switch (decoded.kind) {
    case 'event':
      options.onEvent(decoded.event)
      return undefined
    case 'usage-limits':
      options.onUsageLimits(decoded.limits)
      return undefined
    case 'terminal':
      return { kind: 'outcome', outcome: decoded.outcome }
    case 'failed':
      return { kind: 'error', error: decoded.error }
    case 'ignored':
      return undefined
  }
}

export function idleTimeout(): AttemptError {
  return new AttemptError(appError('idle-timeout', 'The response stopped arriving.', { retryable: true }), {
    autoRetry: true,
  })
}

/** Not retried by itself: the same request would likely bring the same event. Retry is the user's to press. */
function eventTooLarge(): AttemptError {
  return new AttemptError(
    appError('malformed-stream', 'The backend sent an event too large to read (over 16 MiB).', { retryable: true }),
    { autoRetry: false },
  )
}

export function streamCut(): AttemptError {
  return new AttemptError(
    appError('stream-cut', 'The connection dropped before the answer was complete.', { retryable: true }),
    { autoRetry: true },
  )
}

/**
 * One timer for the whole stream, not one per read: it sleeps until the deadline as it stood, and when the deadline
 * has moved meanwhile (events arrived) it sleeps again for the rest. A timer armed and cancelled per chunk cost more
 * than decoding the chunk (each cancellation builds an error).
 */
function watchIdle(
  deadline: () => number,
  options: Pick<DecodeOptions, 'now' | 'sleep'>,
): { next(): Promise<'idle'>; stop(): void } {
  const stopper = new AbortController()
  let wake: ((value: 'idle') => void) | undefined
  let idle = false
  void (async () => {
    for (;;) {
      const wait = deadline() - options.now()
      if (wait <= 0) break
      await options.sleep(wait, stopper.signal)
    }
    idle = true
    wake?.('idle')
  })().catch(() => {
    // Stopped: the stream ended first.
  })
  return {
    next: () =>
      idle
        ? Promise.resolve('idle')
        : new Promise((resolve) => {
            wake = resolve
          }),
    stop: () => stopper.abort(),
  }
}
