import { AppErrorException, appError, fail } from '../../shared/errors'
import { nonEmptyStr, record } from '../../shared/narrow'
import type { ClientIdentity } from '../client-identity'
import { CLIENT_ID } from './oauth-constants'
import { type TokenResponse, tokenResponseSchema } from './token-session'

export interface TokenEndpoint {
  issuer: string
  /** The `originator` and User-Agent, as on every backend call (§1.6: Codex refreshes through its default client). */
  identity: ClientIdentity
}

const REQUEST_TIMEOUT_MS = 30_000
/** Codes with which the issuer says the refresh token will never work again (§1.6). */
const DEAD_REFRESH_CODES = new Set([
  'refresh_token_expired',
  'refresh_token_reused',
  'refresh_token_invalidated',
  'invalid_grant',
])
export const SESSION_ENDED_MESSAGE = 'Your session has ended. Sign in again.'

/** §1.5: the code exchange is form-encoded. */
export async function exchangeCode(
  endpoint: TokenEndpoint,
  grant: { code: string; redirectUri: string; codeVerifier: string },
): Promise<TokenResponse> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: grant.code,
    redirect_uri: grant.redirectUri,
    client_id: CLIENT_ID,
    code_verifier: grant.codeVerifier,
  })
  const response = await post(endpoint, 'application/x-www-form-urlencoded', body.toString(), 'sign-in-failed')
  if (!response.ok) {
    const { message } = await readTokenError(response)
    fail('sign-in-failed', `Token exchange failed: ${message}`, { status: response.status })
  }
  return parseTokens(response, 'sign-in-failed')
}

/**
 * §1.6: JSON, like Codex. A dead refresh token throws `sign-in-again`; anything else throws a retryable error so the
 * caller keeps the tokens for a later attempt.
 */
export async function refreshTokens(endpoint: TokenEndpoint, refreshToken: string): Promise<TokenResponse> {
  const body = JSON.stringify({ client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken })
  const response = await post(endpoint, 'application/json', body, 'network')
  if (!response.ok) {
    const { code, message } = await readTokenError(response)
    if (response.status === 401 || (code !== undefined && DEAD_REFRESH_CODES.has(code))) {
      fail('sign-in-again', SESSION_ENDED_MESSAGE, { status: response.status, code })
    }
    fail('server', `Could not renew your sign-in (${response.status}: ${message}). Trying again later may work.`, {
      status: response.status,
      code,
      retryable: response.status >= 500 || response.status === 429,
    })
  }
  return parseTokens(response, 'server')
}

async function post(
  endpoint: TokenEndpoint,
  contentType: string,
  body: string,
  networkKind: 'sign-in-failed' | 'network',
): Promise<Response> {
  try {
    return await fetch(`${endpoint.issuer}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        accept: 'application/json',
        originator: endpoint.identity.originator,
        'user-agent': endpoint.identity.userAgent,
      },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppErrorException(
      appError(networkKind, `Could not reach the ChatGPT sign-in service (${reason}).`, { retryable: true }),
    )
  }
}

async function parseTokens(response: Response, kind: 'sign-in-failed' | 'server'): Promise<TokenResponse> {
  const parsed = tokenResponseSchema.safeParse(await response.json().catch(() => null))
  if (!parsed.success) fail(kind, 'The ChatGPT sign-in service sent an answer Codex Desk cannot read.')
  return parsed.data
}

/** `error` may be a string or `{code, message}`; a top-level `code` or `error_description` may also appear (§1.5, §1.6). */
async function readTokenError(response: Response): Promise<{ code?: string; message: string }> {
  const text = await response.text().catch(() => '')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return { message: text.trim() || `HTTP ${response.status}` }
  }
  const fields = record(body)
  const nested = record(fields.error)
  const code = nonEmptyStr(nested.code) ?? nonEmptyStr(fields.error) ?? nonEmptyStr(fields.code)
  const message =
    nonEmptyStr(nested.message) ??
    nonEmptyStr(fields.error_description) ??
    code ??
    (text.trim() || `HTTP ${response.status}`)
  return { code, message }
}
