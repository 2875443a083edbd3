import { AppErrorException, fail } from '../../shared/errors'
import type { AccessCredentials, TokenProvider } from '../ports'
import { REFRESH_MARGIN_MS } from './oauth-constants'
import { refreshTokens, SESSION_ENDED_MESSAGE, type TokenEndpoint } from './token-endpoint'
import { sessionAfterRefresh, type TokenSession } from './token-session'
import type { TokenStore } from './token-store'

export interface TokenManagerDeps {
  store: TokenStore
  endpoint: TokenEndpoint
  initial: TokenSession | null
  /** After every change of the session; `message` says why the user is now signed out. */
  onChange(message?: string): void
  log(message: string): void
  now?: () => number
}

export interface TokenManager extends TokenProvider {
  session(): TokenSession | null
  /** Persists, then uses, a fresh sign-in. */
  adopt(session: TokenSession): void
  /** Forgets every token, in memory and on disk. */
  forget(message?: string): void
  /** Stores the session again after the storage mode changed (the user allowed or revoked plain storage). */
  resave(): void
}

export function createTokenManager(deps: TokenManagerDeps): TokenManager {
  const { store, endpoint } = deps
  const now = deps.now ?? Date.now
  let session = deps.initial
  // One refresh at a time: rotating refresh tokens die when used twice (§6.3).
  let inflight: Promise<AccessCredentials> | null = null

  function current(): TokenSession {
    if (!session) fail('not-signed-in', 'Sign in with ChatGPT to start chatting.')
    return session
  }

  function refresh(): Promise<AccessCredentials> {
    inflight ??= runRefresh(current()).finally(() => {
      inflight = null
    })
    return inflight
  }

  async function runRefresh(snapshot: TokenSession): Promise<AccessCredentials> {
    let next: TokenSession
    try {
      next = sessionAfterRefresh(snapshot, await refreshTokens(endpoint, snapshot.refreshToken), now())
    } catch (error) {
      if (session !== snapshot) return credentialsOf(current())
      if (error instanceof AppErrorException && error.error.kind === 'sign-in-again') forget(SESSION_ENDED_MESSAGE)
      throw error
    }
    // Signed out or signed in afresh while the request ran: the answer belongs to a session that is gone.
    if (session !== snapshot) return credentialsOf(current())
    // The old refresh token is dead now; the new one must be on disk before anything uses the new access token.
    save(next)
    session = next
    deps.onChange()
    return credentialsOf(next)
  }

  function save(next: TokenSession): void {
    try {
      store.save(next)
    } catch (error) {
      deps.log(`auth: could not save the renewed sign-in, keeping it for this session (${reasonOf(error)})`)
    }
  }

  function forget(message?: string): void {
    session = null
    store.clear()
    deps.onChange(message)
  }

  return {
    async getCredentials() {
      const live = current()
      if (live.expiresAt - REFRESH_MARGIN_MS > now()) return credentialsOf(live)
      return refresh()
    },
    async refreshAfterUnauthorized(rejected) {
      const live = current()
      if (inflight) return inflight
      if (live.accessToken !== rejected.accessToken) return credentialsOf(live)
      return refresh()
    },
    session: () => session,
    adopt(next) {
      store.save(next)
      session = next
      deps.onChange()
    },
    forget,
    resave() {
      if (session) save(session)
    },
  }
}

function credentialsOf(session: TokenSession): AccessCredentials {
  return { accessToken: session.accessToken, accountId: session.accountId }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
