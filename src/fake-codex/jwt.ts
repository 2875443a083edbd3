import { randomBytes } from 'node:crypto'
import { isRecord } from '../shared/narrow'

/**
 * JWT-shaped tokens for the fake issuer: header.payload.signature in base64url. Unsigned (`alg: none`, a random
 * "signature"), because the app only reads the payload, as Codex does (§1.7).
 */
export function encodeJwt(payload: Record<string, unknown>): string {
  const header = { alg: 'none', typ: 'JWT' }
  return [segment(header), segment(payload), randomBytes(32).toString('base64url')].join('.')
}

export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const [, payload] = token.split('.')
  if (!payload) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    return isRecord(parsed) ? parsed : null
  } catch {
    return null
  }
}

function segment(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}
