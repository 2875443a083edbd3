import { createHash, randomBytes } from 'node:crypto'

export interface Pkce {
  verifier: string
  challenge: string
}

/** RFC 7636 S256, as Codex does it: 64 random bytes → an 86-character base64url verifier. */
export function createPkce(): Pkce {
  const verifier = randomBytes(64).toString('base64url')
  return { verifier, challenge: challengeFor(verifier) }
}

export function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}

export function createState(): string {
  return randomBytes(32).toString('base64url')
}
