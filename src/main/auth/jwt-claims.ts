/** Reads the claims Codex Desk needs from the issuer's JWTs (§1.7). Payload only: the signature is the issuer's business. */

import { isRecord, nonEmptyStr, record } from '../../shared/narrow'

const AUTH_CLAIM = 'https://api.openai.com/auth'
const PROFILE_CLAIM = 'https://api.openai.com/profile'

export interface TokenClaims {
  /** Epoch ms. */
  expiresAt?: number
  email?: string
  accountId?: string
  plan?: string
}

type Json = Record<string, unknown>

export function readClaims(jwt: string): TokenClaims {
  const payload = decodePayload(jwt)
  if (!payload) return {}
  const auth = record(payload[AUTH_CLAIM])
  const profile = record(payload[PROFILE_CLAIM])
  return {
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined,
    email: nonEmptyStr(payload.email) ?? nonEmptyStr(profile.email),
    accountId: nonEmptyStr(auth.chatgpt_account_id),
    plan: nonEmptyStr(auth.chatgpt_plan_type),
  }
}

function decodePayload(jwt: string): Json | null {
  const parts = jwt.split('.')
  if (parts.length !== 3) return null
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    return isRecord(payload) ? payload : null
  } catch {
    return null
  }
}
