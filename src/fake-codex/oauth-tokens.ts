import { randomBytes } from 'node:crypto'
import type { FakeAccount, IssuedAccessToken } from './issuer'
import { encodeJwt } from './jwt'

export interface IssuedTokens {
  id_token: string
  access_token: string
  refresh_token: string
  expires_in: number
}

export type RotateResult =
  | { ok: true; tokens: IssuedTokens }
  | { ok: false; code: 'refresh_token_reused' | 'refresh_token_invalidated'; message: string }

/** Every token the fake issuer handed out, so it can rotate refresh tokens and vouch for access tokens. */
export interface TokenLedger {
  issue(account: FakeAccount): IssuedTokens
  /** Trades a live refresh token for new tokens; a refresh token works once, like the real issuer's. */
  rotate(refreshToken: string): RotateResult
  verify(accessToken: string): IssuedAccessToken | null
  /** Every token set handed out so far, oldest first (copies). */
  issued(): IssuedTokens[]
}

export function createTokenLedger(options: { issuerUrl(): string; clientId: string; ttlSeconds: number }): TokenLedger {
  const accessTokens = new Map<string, IssuedAccessToken>()
  const refreshTokens = new Map<string, { account: FakeAccount; used: boolean }>()
  const issuedSets: IssuedTokens[] = []

  function issue(account: FakeAccount): IssuedTokens {
    const issuedAt = Math.floor(Date.now() / 1000)
    const exp = issuedAt + options.ttlSeconds
    const claims = {
      iss: options.issuerUrl(),
      aud: [options.clientId],
      sub: `auth0|${account.accountId}`,
      iat: issuedAt,
      exp,
      email: account.email,
      'https://api.openai.com/auth': {
        chatgpt_account_id: account.accountId,
        chatgpt_plan_type: account.plan,
        chatgpt_user_id: `user-${account.accountId}`,
      },
      'https://api.openai.com/profile': { email: account.email, email_verified: true },
    }
    const accessToken = encodeJwt({ ...claims, jti: randomBytes(8).toString('hex'), scp: ['openid', 'offline_access'] })
    const refreshToken = `rt_${randomBytes(32).toString('base64url')}`
    accessTokens.set(accessToken, { account, expiresAt: exp * 1000 })
    refreshTokens.set(refreshToken, { account, used: false })
    const tokens: IssuedTokens = {
      id_token: encodeJwt({ ...claims, jti: randomBytes(8).toString('hex') }),
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: options.ttlSeconds,
    }
    issuedSets.push(tokens)
    return { ...tokens }
  }

  return {
    issue,
    rotate(refreshToken) {
      const entry = refreshTokens.get(refreshToken)
      if (!entry) {
        return { ok: false, code: 'refresh_token_invalidated', message: 'Your refresh token has been invalidated.' }
      }
      if (entry.used) {
        return {
          ok: false,
          code: 'refresh_token_reused',
          message:
            'Your refresh token has already been used to generate a new access token. Please try signing in again.',
        }
      }
      entry.used = true
      return { ok: true, tokens: issue(entry.account) }
    },
    verify(accessToken) {
      const issued = accessTokens.get(accessToken)
      return issued && issued.expiresAt > Date.now() ? issued : null
    },
    issued: () => issuedSets.map((tokens) => ({ ...tokens })),
  }
}
