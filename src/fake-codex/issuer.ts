import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readOAuthBody, sendJson, sendText } from './oauth-http'
import { createTokenLedger, type IssuedTokens } from './oauth-tokens'
import type { RouteHandler } from './server'

export type { IssuedTokens } from './oauth-tokens'

export interface FakeAccount {
  email: string
  accountId: string
  plan: string
}

export interface FakeIssuerOptions {
  account?: FakeAccount
  /** Lifetime of issued access tokens (seconds). */
  accessTokenTtlSeconds?: number
}

export interface IssuedAccessToken {
  account: FakeAccount
  /** Epoch ms. */
  expiresAt: number
}

/** The fake OAuth issuer: `/oauth/authorize` (auto-approves) and `/oauth/token` (code exchange, rotating refresh). */
export interface FakeIssuer {
  handle: RouteHandler
  setPublicUrl(url: string): void
  /** The account behind a live access token, or null for an unknown or expired one. */
  verifyAccessToken(token: string): IssuedAccessToken | null
  /** Tokens as a completed sign-in would get them, for tests and the demo to sign in without a browser. */
  issueTokens(): IssuedTokens
  /** The next refresh request fails with this status and error code, without rotating anything. */
  failNextRefresh(status: number, code?: string): void
  /** The next authorize request redirects back with `error=access_denied` and this description. */
  denyNextAuthorize(reason?: string): void
  /** Refresh requests received, failed ones included. */
  readonly refreshCount: number
  /** Every token set issued so far (code exchanges, refreshes, `issueTokens()`), oldest first; read-only copies. */
  issuedTokens(): IssuedTokens[]
}

export const FAKE_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann'
const DEFAULT_ACCOUNT: FakeAccount = { email: 'demo@example.com', accountId: 'acct_demo', plan: 'plus' }
const LOOPBACK_REDIRECT = /^http:\/\/localhost:\d{1,5}\/auth\/callback$/

interface PendingCode {
  challenge: string
  redirectUri: string
}

export function createFakeIssuer(options: FakeIssuerOptions): FakeIssuer {
  const account = options.account ?? DEFAULT_ACCOUNT
  let publicUrl = ''
  const ledger = createTokenLedger({
    issuerUrl: () => publicUrl,
    clientId: FAKE_CLIENT_ID,
    ttlSeconds: options.accessTokenTtlSeconds ?? 3600,
  })
  const codes = new Map<string, PendingCode>()
  const refreshFailures: Array<{ status: number; code: string }> = []
  let denial: string | null = null
  let refreshCount = 0

  function authorize(res: ServerResponse, params: URLSearchParams): void {
    const problem = authorizeProblem(params)
    if (problem) {
      sendText(res, 400, problem)
      return
    }
    const redirectUri = params.get('redirect_uri') ?? ''
    // Location keeps `localhost` as given: browsers try 127.0.0.1 as well, where the app listens.
    const back = new URLSearchParams()
    if (denial !== null) {
      back.set('error', 'access_denied')
      back.set('error_description', denial)
      denial = null
    } else {
      const code = randomBytes(24).toString('base64url')
      codes.set(code, { challenge: params.get('code_challenge') ?? '', redirectUri })
      back.set('code', code)
    }
    back.set('state', params.get('state') ?? '')
    res.writeHead(302, { location: `${redirectUri}?${back.toString()}` })
    res.end()
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readOAuthBody(req)
    const fields = body?.fields ?? {}
    if (!body) sendJson(res, 400, { error: 'invalid_request', error_description: 'Unreadable body.' })
    else if (fields.client_id !== FAKE_CLIENT_ID) {
      sendJson(res, 401, { error: 'invalid_client', error_description: 'Unknown client_id.' })
    } else if (fields.grant_type === 'authorization_code' && body.encoding !== 'form') {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'The code exchange is form-encoded.' })
    } else if (fields.grant_type === 'authorization_code') exchange(res, fields)
    else if (fields.grant_type === 'refresh_token') refresh(res, fields.refresh_token ?? '')
    else
      sendJson(res, 400, {
        error: 'unsupported_grant_type',
        error_description: `Unknown grant "${fields.grant_type}".`,
      })
  }

  function exchange(res: ServerResponse, fields: Record<string, string>): void {
    const pending = codes.get(fields.code ?? '')
    // One-time codes: a failed attempt burns the code too, as a real authorization server does.
    codes.delete(fields.code ?? '')
    const reason = !pending
      ? 'Unknown or used authorization code.'
      : pending.redirectUri !== fields.redirect_uri
        ? 'redirect_uri does not match the authorize request.'
        : challengeOf(fields.code_verifier ?? '') !== pending.challenge
          ? 'PKCE verification failed.'
          : null
    if (reason) sendJson(res, 400, { error: 'invalid_grant', error_description: reason })
    else sendJson(res, 200, ledger.issue(account))
  }

  function refresh(res: ServerResponse, refreshToken: string): void {
    refreshCount++
    const failure = refreshFailures.shift()
    if (failure) {
      sendJson(res, failure.status, { error: { code: failure.code, message: 'Scripted refresh failure.' } })
      return
    }
    const rotated = ledger.rotate(refreshToken)
    if (rotated.ok) sendJson(res, 200, rotated.tokens)
    else sendJson(res, 401, { error: { code: rotated.code, message: rotated.message } })
  }

  return {
    handle(req, res, url) {
      if (url.pathname === '/oauth/authorize' && req.method === 'GET') {
        authorize(res, url.searchParams)
        return true
      }
      if (url.pathname === '/oauth/token' && req.method === 'POST') return token(req, res).then(() => true)
      return false
    },
    setPublicUrl(url) {
      publicUrl = url
    },
    verifyAccessToken: (accessToken) => ledger.verify(accessToken),
    issueTokens: () => ledger.issue(account),
    failNextRefresh(status, code = 'server_error') {
      refreshFailures.push({ status, code })
    },
    denyNextAuthorize(reason = 'The user denied access.') {
      denial = reason
    },
    get refreshCount() {
      return refreshCount
    },
    issuedTokens: () => ledger.issued(),
  }
}

/** What the real issuer would refuse before showing any page; null when the request is acceptable. */
function authorizeProblem(params: URLSearchParams): string | null {
  if (params.get('client_id') !== FAKE_CLIENT_ID) return 'Unknown client_id'
  if (params.get('response_type') !== 'code') return 'response_type must be "code"'
  if (!LOOPBACK_REDIRECT.test(params.get('redirect_uri') ?? '')) return 'redirect_uri is not on the allow-list'
  if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) return 'PKCE S256 required'
  if (!params.get('state')) return 'state is required'
  return null
}

function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}
