/** Backoff, server-given delays and the cancellable waits of the retry loop (codex.md §0, §4). */
import { AppErrorException, appError } from '../../shared/errors'

/** No single wait is longer than this, whatever the backoff or the server says (codex.md §0). */
export const MAX_WAIT_MS = 60_000
/** A server asking for a longer wait than this is not waited for: the turn ends and says when to try again. */
export const MAX_SERVER_WAIT_MS = 5 * 60_000

/** `retryBaseDelayMs × 2^(attempt−1) × jitter`, jitter uniform in [0.9, 1.1) like Codex's `backoff`, capped. */
export function backoffDelay(attempt: number, baseDelayMs: number, random: () => number): number {
  const jitter = 0.9 + random() * 0.2
  return Math.min(MAX_WAIT_MS, Math.round(baseDelayMs * 2 ** (attempt - 1) * jitter))
}

/** `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date; undefined when neither says anything usable. */
export function retryAfterFromHeaders(headers: Headers, now: number): number | undefined {
  const millis = headers.get('retry-after-ms')
  if (millis !== null && millis.trim() !== '' && Number.isFinite(Number(millis))) return Math.max(0, Number(millis))
  const value = headers.get('retry-after')?.trim()
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

const TRY_AGAIN = /try again in\s*(\d+(?:\.\d+)?)\s*(s|ms|seconds?)/i

/** The delay a `rate_limit_exceeded` message asks for ("Please try again in 11.054s"), as Codex reads it. */
export function retryAfterFromMessage(message: string): number | undefined {
  const match = TRY_AGAIN.exec(message)
  if (!match) return undefined
  const value = Number(match[1])
  return match[2].toLowerCase() === 'ms' ? value : Math.round(value * 1000)
}

export function cancelledError(): AppErrorException {
  return new AppErrorException(appError('cancelled', 'The request was cancelled.'))
}

/** Resolves after `ms`; rejects with `cancelled` the moment `signal` aborts. Injected so tests own time. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(cancelledError())
      return
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(cancelledError())
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })

/**
 * "Retry now": the turn holds one, the client arms it for each wait between attempts, and the user's request
 * ends the wait in progress early (nothing happens when no wait is in progress).
 */
export interface RetryNow {
  /** Ends the wait in progress; false when there was none. */
  trigger(): boolean
  /** Registers the wait in progress; returns the function that unregisters it. */
  arm(endWait: () => void): () => void
}

export function createRetryNow(): RetryNow {
  let current: (() => void) | undefined
  return {
    trigger() {
      const endWait = current
      current = undefined
      endWait?.()
      return endWait !== undefined
    },
    arm(endWait) {
      current = endWait
      return () => {
        if (current === endWait) current = undefined
      }
    },
  }
}

/** Waits `ms` unless the user stops (rejects `cancelled`) or asks to retry now (resolves early). */
export async function waitBeforeRetry(
  sleep: Sleep,
  ms: number,
  signal: AbortSignal,
  retryNow: RetryNow | undefined,
): Promise<void> {
  const early = new AbortController()
  const disarm = retryNow?.arm(() => early.abort())
  try {
    await sleep(ms, AbortSignal.any([signal, early.signal]))
  } catch (error) {
    if (signal.aborted || !early.signal.aborted) throw error
  } finally {
    disarm?.()
  }
}
