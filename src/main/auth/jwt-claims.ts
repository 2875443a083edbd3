/** Reads the claims Codex Desk needs from the issuer's JWTs (§1.7). Payload only: the signature is the issuer's business. */

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
  const auth = asObject(payload[AUTH_CLAIM])
  const profile = asObject(payload[PROFILE_CLAIM])
  return {
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined,
    email: asString(payload.email) ?? asString(profile?.email),
    accountId: asString(auth?.chatgpt_account_id),
    plan: asString(auth?.chatgpt_plan_type),
  }
}

function decodePayload(jwt: string): Json | null {
  const parts = jwt.split('.')
  if (parts.length !== 3) return null
  try {
    return asObject(JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))) ?? null
  } catch {
    return null
  }
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}
