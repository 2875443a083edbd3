/** Backoff, server-given delays and the cancellable wait of the retry loop (codex.md §4). */
import { AppErrorException, appError } from '../../shared/errors'

/** `retryBaseDelayMs × 2^(attempt−1) × jitter`, jitter uniform in [0.9, 1.1) like Codex's `backoff`. */
export function backoffDelay(attempt: number, baseDelayMs: number, random: () => number): number {
  const jitter = 0.9 + random() * 0.2
  return Math.round(baseDelayMs * 2 ** (attempt - 1) * jitter)
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

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>

/** Waits `ms`, rejecting with `cancelled` the moment `signal` aborts. */
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
