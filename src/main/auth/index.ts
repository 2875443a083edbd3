import type { AccountState } from '../../shared/domain'
import type { AccountChannel } from '../../shared/ipc-contract'
import type { Capability } from '../capability'
import { clientIdentity } from '../client-identity'
import type { ServiceEnv } from '../config'
import type { EventSink } from '../ipc/event-hub'
import type { Platform } from '../platform/types'
import type { SettingsService, TokenProvider } from '../ports'
import { createAccountView } from './account-view'
import { type BindRetry, CODEX_BIND_RETRY } from './loopback-bind'
import { ALLOWED_DEFAULT_PORT, ALLOWED_FALLBACK_PORT, LOGIN_TIMEOUT_MS } from './oauth-constants'
import { createSignIn } from './sign-in'
import { createTokenManager } from './token-manager'
import { createTokenStore } from './token-store'

export type { IssuedTokens } from './token-session'

export interface AuthDeps {
  platform: Platform
  env: ServiceEnv
  events: EventSink
  settings: SettingsService
  log?(message: string): void
  /** Where a busy `env.oauthPort` moves to. Default: 1457 when the port is 1455 (the issuer's allow-list), else none. */
  fallbackPort?: number | null
  /** Default: 5 minutes. */
  loginTimeoutMs?: number
  /** Default: Codex's 10 retries 200 ms apart after asking the holder to `/cancel`. */
  bindRetry?: BindRetry
  now?: () => number
}

export interface Auth extends Capability<AccountChannel> {
  tokens: TokenProvider
  /** The sign-in as it stands; its changes go out as `account:changed`. */
  account(): AccountState
}

export function createAuth(deps: AuthDeps): Auth {
  const { platform, env, settings } = deps
  const log = deps.log ?? (() => {})
  const now = deps.now ?? Date.now
  const endpoint = {
    issuer: env.issuer,
    identity: clientIdentity(env.originator, platform.appVersion),
  }

  const store = createTokenStore({
    secretBox: platform.secretBox,
    config: platform.config,
    allowPlain: () => settings.get().allowPlainTokenStorage,
  })
  const loaded = store.load()
  const view = createAccountView({
    events: deps.events,
    session: () => manager.session(),
    storageMode: store.mode,
    initialMessage: loaded.problem,
  })
  const manager = createTokenManager({
    store,
    endpoint,
    initial: loaded.session,
    onChange: (message) => view.publish(message),
    log,
    now,
  })
  const signIn = createSignIn({
    endpoint,
    port: env.oauthPort,
    fallbackPort:
      deps.fallbackPort !== undefined
        ? deps.fallbackPort
        : env.oauthPort === ALLOWED_DEFAULT_PORT
          ? ALLOWED_FALLBACK_PORT
          : null,
    retry: deps.bindRetry ?? CODEX_BIND_RETRY,
    timeoutMs: deps.loginTimeoutMs ?? LOGIN_TIMEOUT_MS,
    openExternal: (url) => platform.desktop.openExternal(url),
    manager,
    view,
    log,
    now,
  })

  // Allowing or revoking plain storage moves the tokens at once, and Settings shows the new mode.
  let storageMode = store.mode()
  const stopWatchingSettings = settings.onChange(() => {
    if (store.mode() === storageMode) return
    storageMode = store.mode()
    manager.resave()
    view.publish(view.current().message)
  })

  return {
    tokens: manager,
    account: () => view.current(),
    handlers: {
      'account:get': () => view.current(),
      'account:sign-in': () => signIn.start(),
      'account:cancel-sign-in': () => signIn.cancel(),
      'account:sign-out': async () => {
        await signIn.cancel()
        manager.forget()
        return view.current()
      },
    },
    async dispose() {
      stopWatchingSettings()
      await signIn.cancel()
    },
  }
}
