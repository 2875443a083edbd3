import type { AccountState } from '../../shared/domain'
import { AppErrorException, fail, toAppError } from '../../shared/errors'
import type { AccountView } from './account-view'
import { buildAuthorizeUrl } from './authorize-url'
import { type LoginServer, startLoginServer } from './login-server'
import type { BindRetry } from './loopback-bind'
import { createPkce, createState } from './pkce'
import { exchangeCode, type TokenEndpoint } from './token-endpoint'
import type { TokenManager } from './token-manager'
import { sessionFromSignIn } from './token-session'

export interface SignInDeps {
  endpoint: TokenEndpoint
  port: number
  fallbackPort: number | null
  retry: BindRetry
  timeoutMs: number
  openExternal(url: string): Promise<void>
  manager: TokenManager
  view: AccountView
  log(message: string): void
  now(): number
}

/** The browser sign-in, one at a time: start, wait for the callback, cancel. */
export interface SignIn {
  /** Starts a login, or returns the state of the one already running. */
  start(): Promise<AccountState>
  /** Ends a running login, if any. */
  cancel(): Promise<AccountState>
}

export function createSignIn(deps: SignInDeps): SignIn {
  const { view } = deps
  let starting: Promise<AccountState> | null = null
  let login: LoginServer | null = null

  async function begin(): Promise<AccountState> {
    const pkce = createPkce()
    const state = createState()
    let server: LoginServer
    try {
      server = await startLoginServer({
        port: deps.port,
        fallbackPort: deps.fallbackPort,
        retry: deps.retry,
        state,
        timeoutMs: deps.timeoutMs,
        complete: async (code, redirectUri) => {
          const tokens = await exchangeCode(deps.endpoint, { code, redirectUri, codeVerifier: pkce.verifier })
          // Cancelled while the exchange ran: the user no longer wants these tokens.
          if (login !== server) fail('sign-in-cancelled', 'Sign-in was cancelled.')
          const session = sessionFromSignIn(tokens, deps.now())
          endLogin(server)
          deps.manager.adopt(session)
        },
      })
    } catch (error) {
      // Never a silent spinner: the reason reaches Settings through account:changed as well as the reply.
      view.publish(toAppError(error).message)
      throw error instanceof AppErrorException ? error : new AppErrorException(toAppError(error))
    }

    login = server
    const authorizeUrl = buildAuthorizeUrl({
      issuer: deps.endpoint.issuer,
      redirectUri: server.redirectUri,
      codeChallenge: pkce.challenge,
      state,
      originator: deps.endpoint.identity.originator,
    })
    view.setLogin(authorizeUrl)
    server.done.then(
      () => endLogin(server),
      (error: unknown) => {
        endLogin(server)
        view.publish(toAppError(error).message)
      },
    )
    deps.openExternal(authorizeUrl).catch((error: unknown) => {
      deps.log(`auth: could not open the browser (${toAppError(error).message}); the page can open the URL itself`)
    })
    return view.publish()
  }

  function endLogin(server: LoginServer): void {
    if (login !== server) return
    login = null
    view.setLogin(null)
  }

  return {
    start() {
      if (starting) return starting
      if (login) return Promise.resolve(view.current())
      starting = begin().finally(() => {
        starting = null
      })
      return starting
    },
    async cancel() {
      await starting?.catch(() => {})
      const running = login
      if (running) {
        running.cancel()
        await running.done.catch(() => {})
      }
      return view.current()
    },
  }
}
