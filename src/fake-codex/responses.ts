import type { IssuedAccessToken } from './issuer'
import type { RouteHandler } from './server'

export interface FakeResponsesDeps {
  verifyAccessToken(token: string): IssuedAccessToken | null
}

/** The fake Codex backend: `/backend-api/codex/responses` and `/models`. Implemented in issue 5. */
export interface FakeResponses {
  handle: RouteHandler
  /** Ends every open stream (server shutdown). */
  abortAll(): void
}

export function createFakeResponses(_deps: FakeResponsesDeps): FakeResponses {
  return { handle: () => false, abortAll: () => {} }
}
