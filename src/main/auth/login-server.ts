import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { AppErrorException, appError, toAppError } from '../../shared/errors'
import { callbackErrorMessage, errorPage, successPage } from './callback-pages'
import { type BindRetry, bindLoopback } from './loopback-bind'
import { redirectUriFor } from './oauth-constants'

export interface LoginServerOptions {
  port: number
  fallbackPort: number | null
  retry: BindRetry
  state: string
  timeoutMs: number
  /** Exchanges the code and keeps the tokens; throws an AppError whose message the browser page shows. */
  complete(code: string, redirectUri: string): Promise<void>
}

export interface LoginServer {
  redirectUri: string
  /** Resolves once signed in; rejects with an AppErrorException when the login ends any other way. */
  done: Promise<void>
  /** Ends the login with `sign-in-cancelled` and closes the port. */
  cancel(): void
}

/**
 * The loopback half of the OAuth flow (§1.4): waits on `/auth/callback` for the browser, answers `/cancel` from a
 * newer login that needs the port, and closes itself on success, error, cancel and timeout.
 */
export async function startLoginServer(options: LoginServerOptions): Promise<LoginServer> {
  let stateUsed = false
  let server: Server | undefined
  let settle: (error?: AppErrorException) => void = () => {}

  const { server: bound, port } = await bindLoopback({
    port: options.port,
    fallbackPort: options.fallbackPort,
    retry: options.retry,
    handler: (req, res) => void route(req, res),
  })
  server = bound
  const redirectUri = redirectUriFor(port)

  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => settle(ended('sign-in-timeout', 'Sign-in timed out: the browser did not come back in time. Try again.')),
      options.timeoutMs,
    )
    settle = (error) => {
      settle = () => {}
      clearTimeout(timer)
      close()
      if (error) reject(error)
      else resolve()
    }
  })

  function close(): void {
    server?.close()
    // A keep-alive socket left open would hold the port and hang the next login (§1.4).
    server?.closeAllConnections()
    server = undefined
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname === '/auth/callback') return callback(url.searchParams, res)
    if (url.pathname === '/cancel') {
      reply(res, 200, 'text/plain', 'Login cancelled', () =>
        settle(ended('sign-in-cancelled', 'Sign-in was cancelled.')),
      )
      return
    }
    reply(res, 404, 'text/plain', 'Not Found')
  }

  async function callback(params: URLSearchParams, res: ServerResponse): Promise<void> {
    // A stray or forged request must not end the login: the real callback may still come (§1.4).
    if (stateUsed || params.get('state') !== options.state) return reply(res, 400, 'text/plain', 'State mismatch')
    stateUsed = true

    const error = params.get('error')
    const code = params.get('code')
    let failure: AppErrorException | undefined
    if (error) {
      failure = ended('sign-in-failed', callbackErrorMessage(error, params.get('error_description')), error)
    } else if (!code) {
      failure = ended('sign-in-failed', 'Sign-in failed: ChatGPT did not send an authorization code.')
    } else {
      try {
        await options.complete(code, redirectUri)
      } catch (cause) {
        failure = new AppErrorException(toAppError(cause))
      }
    }
    if (failure) reply(res, 200, 'text/html', errorPage(failure.error.message), () => settle(failure))
    else reply(res, 200, 'text/html', successPage(), () => settle())
  }

  return { redirectUri, done, cancel: () => settle(ended('sign-in-cancelled', 'Sign-in was cancelled.')) }
}

function ended(
  kind: 'sign-in-failed' | 'sign-in-cancelled' | 'sign-in-timeout',
  message: string,
  code?: string,
): AppErrorException {
  return new AppErrorException(appError(kind, message, code ? { code } : {}))
}

/** Every answer closes its connection, so nothing keeps the port once the login is over. */
function reply(res: ServerResponse, status: number, type: string, body: string, flushed?: () => void): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    connection: 'close',
  })
  res.end(body, flushed)
}
