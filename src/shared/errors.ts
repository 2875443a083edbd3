/** Errors cross the IPC boundary as values with a kind the UI can act on, never as strings to parse. */
export const APP_ERROR_KINDS = [
  'invalid-payload',
  'unknown-channel',
  'not-found',
  'not-signed-in',
  'sign-in-again',
  'sign-in-failed',
  'sign-in-cancelled',
  'sign-in-timeout',
  'port-busy',
  'usage-limit',
  'usage-not-included',
  'rate-limited',
  'server',
  'network',
  'stream-cut',
  'idle-timeout',
  'malformed-stream',
  'context-length',
  'quota',
  'invalid-request',
  'model-rejected',
  'model-overloaded',
  'client-refused',
  'cancelled',
  'busy',
  'storage',
  'import-invalid',
  'internal',
] as const

export type AppErrorKind = (typeof APP_ERROR_KINDS)[number]

export interface AppError {
  kind: AppErrorKind
  /** A sentence for the user. */
  message: string
  /** HTTP status, where the error came from a response. */
  status?: number
  /** The backend's own error code (for example `usage_limit_reached`). */
  code?: string
  /** Epoch ms when a usage limit resets. */
  resetsAt?: number
  /** Whether trying the same thing again may work. */
  retryable?: boolean
  /** Request id for support (`x-request-id`, `x-oai-request-id` or `cf-ray`). */
  requestId?: string
  /** For invalid payloads: where the payload was wrong. */
  issues?: string[]
}

export class AppErrorException extends Error {
  readonly error: AppError
  constructor(error: AppError) {
    super(error.message)
    this.name = 'AppErrorException'
    this.error = error
  }
}

export function appError(
  kind: AppErrorKind,
  message: string,
  extra: Omit<AppError, 'kind' | 'message'> = {},
): AppError {
  return { kind, message, ...extra }
}

/** Throw from a handler to send a typed error to the renderer. */
export function fail(kind: AppErrorKind, message: string, extra: Omit<AppError, 'kind' | 'message'> = {}): never {
  throw new AppErrorException(appError(kind, message, extra))
}

export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppError).kind === 'string' &&
    typeof (value as AppError).message === 'string'
  )
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppErrorException) return error.error
  if (isAppError(error)) return error
  if (error instanceof Error) return { kind: 'internal', message: error.message }
  return { kind: 'internal', message: String(error) }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }
