import type { AccountState, TokenStorageMode } from '../../shared/domain'
import type { EventSink } from '../ipc/event-hub'
import type { TokenSession } from './token-session'

export interface AccountViewDeps {
  events: EventSink
  session(): TokenSession | null
  storageMode(): TokenStorageMode
  /** Shown until the next change, e.g. why a stored sign-in could not be loaded. */
  initialMessage?: string
}

/** The one place AccountState is built: what the renderer may know about the sign-in, never a token. */
export interface AccountView {
  current(): AccountState
  /** Recomputes the state with `message` (or none), emits `account:changed` and returns it. */
  publish(message?: string): AccountState
  /** While a login runs, the state is `signing-in` with the URL the browser must open. */
  setLogin(authorizeUrl: string | null): void
}

export function createAccountView(deps: AccountViewDeps): AccountView {
  let message = deps.initialMessage
  let authorizeUrl: string | null = null

  function current(): AccountState {
    const tokenStorage = deps.storageMode()
    const session = deps.session()
    const account = session
      ? { email: session.email, plan: session.plan, accountId: session.accountId, expiresAt: session.expiresAt }
      : {}
    if (authorizeUrl) return { status: 'signing-in', authorizeUrl, tokenStorage, ...account }
    const status = session ? 'signed-in' : 'signed-out'
    return message ? { status, message, tokenStorage, ...account } : { status, tokenStorage, ...account }
  }

  return {
    current,
    publish(next) {
      message = next
      const state = current()
      deps.events.emit('account:changed', state)
      return state
    },
    setLogin(url) {
      authorizeUrl = url
    },
  }
}
