/** HTTP statuses, error bodies and failure events of the backend, classified into AppErrors (codex.md §4). */
import { type AppError, AppErrorException, appError } from '../../shared/errors'
import { isRecord, num, str } from '../../shared/narrow'
import { retryAfterFromHeaders, retryAfterFromMessage } from './retry'

/** What the retry loop needs besides the AppError shown to the user. */
export interface RetryHint {
  /** The loop may try again by itself. */
  autoRetry: boolean
  /** The server's own delay, preferred over backoff. */
  delayMs?: number
  /** A 401: refresh the token and replay. */
  unauthorized?: boolean
}

export class AttemptError extends AppErrorException {
  readonly hint: RetryHint
  constructor(error: AppError, hint: RetryHint) {
    super(error)
    this.name = 'AttemptError'
    this.hint = hint
  }
}

interface ErrorBody {
  detail?: string
  code?: string
  type?: string
  message?: string
  resetsAt?: number
  resetsInSeconds?: number
}

/** Reads `{detail}`, `{error:{code,type,message,resets_at,resets_in_seconds}}` or a top-level `{code,message}`. */
export function readErrorBody(value: unknown): ErrorBody {
  if (!isRecord(value)) return {}
  const nested = isRecord(value.error) ? value.error : value
  return {
    detail: typeof value.detail === 'string' ? value.detail : undefined,
    code: str(nested.code) ?? str(value.code),
    // A top-level `type` is the event's own (`error`), not an error type.
    type: nested === value ? undefined : str(nested.type),
    message: str(nested.message) ?? str(value.message),
    resetsAt: num(nested.resets_at),
    resetsInSeconds: num(nested.resets_in_seconds),
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-request-id') ?? headers.get('x-oai-request-id') ?? headers.get('cf-ray') ?? undefined
}

export interface HttpFailure {
  status: number
  headers: Headers
  bodyText: string
  model: string
  /** The `originator` this client sent, named when the backend refuses the client. */
  originator: string
  now: number
}

export function classifyHttpFailure({ status, headers, bodyText, model, originator, now }: HttpFailure): AttemptError {
  const body = readErrorBody(parseJson(bodyText))
  const extra = { status, requestId: requestIdOf(headers), code: body.code ?? body.type }
  const said = body.detail ?? body.message ?? (bodyText.trim().slice(0, 300) || `HTTP ${status}`)
  const mentions = (needle: string) => [body.code, body.type, bodyText].some((text) => text?.includes(needle))

  const overloaded = overloadedCode(body.code ?? body.type)
  if (overloaded) return modelOverloaded(overloaded, extra)
  if (status === 403 && CLIENT_REFUSAL.test(said)) return clientRefused(originator, said, extra)

  if (status === 401) {
    return new AttemptError(appError('sign-in-again', 'Your session is no longer valid. Sign in again.', extra), {
      autoRetry: false,
      unauthorized: true,
    })
  }
  // Usage-limit errors have also come back as 404 (codex.md §4.3); they are final even when marked retryable.
  if (status === 429 || status === 404) {
    if (mentions('usage_limit_reached')) return usageLimit(body, extra, now)
    if (mentions('usage_not_included')) {
      return new AttemptError(
        appError('usage-not-included', 'Your ChatGPT plan does not include Codex.', { ...extra, retryable: false }),
        { autoRetry: false },
      )
    }
    if (status === 429 || mentions('rate_limit_exceeded')) {
      return new AttemptError(
        appError('rate-limited', 'The backend is rate limiting requests.', { ...extra, retryable: true }),
        { autoRetry: true, delayMs: retryAfterFromHeaders(headers, now) },
      )
    }
  }
  if (status >= 500) {
    return new AttemptError(
      appError('server', `The Codex backend had a problem (HTTP ${status}).`, { ...extra, retryable: true }),
      { autoRetry: true, delayMs: retryAfterFromHeaders(headers, now) },
    )
  }
  if (status === 400 && isModelRejection(said)) {
    return new AttemptError(
      appError(
        'model-rejected',
        `The model "${model}" is not available with your ChatGPT account. Pick another model.`,
        extra,
      ),
      { autoRetry: false },
    )
  }
  if (mentions('context_length_exceeded')) return final(failedEventError('context_length_exceeded', said), extra)
  return new AttemptError(appError('invalid-request', `The backend refused the request: ${said}`, extra), {
    autoRetry: false,
  })
}

/** A 403 that names the client: the backend keeps a list of originators it serves (codex.md §0, pi#1828). */
const CLIENT_REFUSAL = /originator|\bclients?\b/i

function clientRefused(originator: string, said: string, extra: Partial<AppError>): AttemptError {
  return new AttemptError(
    appError(
      'client-refused',
      `The Codex backend refused this client (originator "${originator}"): ${said} ` +
        'Try setting the environment variable CODEX_DESK_ORIGINATOR (for example to codex_cli_rs) and restarting, ' +
        'or update Codex Desk.',
      { ...extra, retryable: false },
    ),
    { autoRetry: false },
  )
}

const OVERLOADED_CODES = new Set(['server_is_overloaded', 'slow_down'])

function overloadedCode(code: string | undefined): string | undefined {
  return code !== undefined && OVERLOADED_CODES.has(code) ? code : undefined
}

/** Codex does not retry an overloaded model (`ServerOverloaded`); another model usually answers at once. */
function modelOverloaded(code: string, extra: Partial<AppError>): AttemptError {
  return new AttemptError(
    appError('model-overloaded', 'This model is at capacity right now. Pick another model.', {
      ...extra,
      code,
      retryable: false,
    }),
    { autoRetry: false },
  )
}

function isModelRejection(message: string): boolean {
  return /model is not supported|unknown model|model_not_found|does not exist/i.test(message)
}

function usageLimit(body: ErrorBody, extra: Partial<AppError>, now: number): AttemptError {
  const resetsAt =
    body.resetsAt !== undefined
      ? body.resetsAt * 1000
      : body.resetsInSeconds !== undefined
        ? now + body.resetsInSeconds * 1000
        : undefined
  return new AttemptError(
    appError('usage-limit', "You've hit your usage limit.", {
      ...extra,
      code: 'usage_limit_reached',
      resetsAt,
      retryable: false,
    }),
    { autoRetry: false },
  )
}

function final(error: AppError, extra: Partial<AppError>): AttemptError {
  return new AttemptError({ ...error, ...extra, code: error.code }, { autoRetry: false })
}

const TRANSIENT_CODES = new Set(['server_error', 'internal_error'])

/**
 * A `response.failed` or `error` event's `{code, message}` (codex.md §4.4). Only rate limits and clearly transient
 * server trouble are retried; context, quota, plan and capacity errors are final.
 */
export function classifyStreamFailure(payload: unknown, now: number): AttemptError {
  const body = readErrorBody(payload)
  const code = body.code ?? body.type
  const message = body.message ?? body.detail ?? 'The response failed.'
  if (code === 'usage_limit_reached') return usageLimit(body, {}, now)
  const overloaded = overloadedCode(code)
  if (overloaded) return modelOverloaded(overloaded, {})
  if (code === 'rate_limit_exceeded') {
    return new AttemptError(appError('rate-limited', message, { code, retryable: true }), {
      autoRetry: true,
      delayMs: retryAfterFromMessage(message),
    })
  }
  if (code !== undefined && TRANSIENT_CODES.has(code)) {
    return new AttemptError(appError('server', message, { code, retryable: true }), { autoRetry: true })
  }
  return new AttemptError(failedEventError(code, message), { autoRetry: false })
}

function failedEventError(code: string | undefined, message: string): AppError {
  switch (code) {
    case 'context_length_exceeded':
      return appError('context-length', 'The conversation is too long for this model.', { code, retryable: false })
    case 'insufficient_quota':
      return appError('quota', 'Your quota is exhausted. Check your plan and billing.', { code, retryable: false })
    case 'usage_not_included':
      return appError('usage-not-included', 'Your ChatGPT plan does not include Codex.', { code, retryable: false })
    default:
      return appError('server', message, { code, retryable: false })
  }
}
