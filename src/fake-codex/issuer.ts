import type { RouteHandler } from './server'

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

/** The fake OAuth issuer: `/oauth/authorize`, `/oauth/token`. Implemented in issue 4. */
export interface FakeIssuer {
  handle: RouteHandler
  setPublicUrl(url: string): void
  /** The account behind a live access token, or null for an unknown or expired one. */
  verifyAccessToken(token: string): IssuedAccessToken | null
}

export function createFakeIssuer(_options: FakeIssuerOptions): FakeIssuer {
  return {
    handle: () => false,
    setPublicUrl: () => {},
    verifyAccessToken: () => null,
  }
}
