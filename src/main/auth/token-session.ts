import { z } from 'zod'
import { fail } from '../../shared/errors'
import { readClaims } from './jwt-claims'

/** Everything Codex Desk keeps about a sign-in. Lives only in main; AccountState carries none of the tokens. */
export const tokenSessionSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  idToken: z.string().min(1),
  /** Epoch ms. */
  expiresAt: z.number(),
  accountId: z.string().min(1),
  email: z.string().optional(),
  plan: z.string().optional(),
})
export type TokenSession = z.infer<typeof tokenSessionSchema>

/** The issuer's token endpoint answer; every field is optional on refresh (§1.6). */
export const tokenResponseSchema = z.object({
  id_token: z.string().min(1).optional(),
  access_token: z.string().min(1).optional(),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().optional(),
})
export type TokenResponse = z.infer<typeof tokenResponseSchema>

/** What the issuer hands out at sign-in; also what tests and the demo adopt directly. */
export interface IssuedTokens {
  id_token: string
  access_token: string
  refresh_token: string
  expires_in?: number
}

/** axio's default when the issuer says nothing about the lifetime. */
const DEFAULT_LIFETIME_S = 3600

export function sessionFromSignIn(response: TokenResponse, now: number): TokenSession {
  const { id_token: idToken, access_token: accessToken, refresh_token: refreshToken } = response
  if (!idToken || !accessToken || !refreshToken) {
    fail('sign-in-failed', 'Token exchange failed: the sign-in service did not return all tokens.')
  }
  return buildSession({ idToken, accessToken, refreshToken }, response.expires_in, now)
}

/** Refresh answers may leave fields out; Codex keeps the old value for each one missing. */
export function sessionAfterRefresh(previous: TokenSession, response: TokenResponse, now: number): TokenSession {
  return buildSession(
    {
      idToken: response.id_token ?? previous.idToken,
      accessToken: response.access_token ?? previous.accessToken,
      refreshToken: response.refresh_token ?? previous.refreshToken,
    },
    response.expires_in,
    now,
    previous,
  )
}

function buildSession(
  tokens: { idToken: string; accessToken: string; refreshToken: string },
  expiresIn: number | undefined,
  now: number,
  previous?: TokenSession,
): TokenSession {
  const id = readClaims(tokens.idToken)
  const access = readClaims(tokens.accessToken)
  const accountId = id.accountId ?? access.accountId ?? previous?.accountId
  if (!accountId) {
    // Every Codex request needs the chatgpt-account-id header; without it nothing would work (§6.10).
    fail('sign-in-failed', 'Sign-in failed: your ChatGPT account id is missing from the sign-in tokens.')
  }
  return {
    ...tokens,
    accountId,
    expiresAt: access.expiresAt ?? now + (expiresIn ?? DEFAULT_LIFETIME_S) * 1000,
    email: id.email ?? access.email ?? previous?.email,
    plan: access.plan ?? id.plan ?? previous?.plan,
  }
}
