import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createFakeIssuer, type FakeIssuer, type FakeIssuerOptions } from './issuer'
import { createFakeResponses, type FakeResponses } from './responses'

/** A route module of the fake: returns true when it answered the request. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean

export interface FakeCodexOptions extends FakeIssuerOptions {
  /** 0 (default) picks a free port. */
  port?: number
  host?: string
}

export interface FakeCodex {
  /** `http://127.0.0.1:<port>`: the OAuth issuer (`CODEX_AUTH_ISSUER`). */
  issuerUrl: string
  /** `<issuerUrl>/backend-api/codex` (`CODEX_BASE_URL`). */
  baseUrl: string
  issuer: FakeIssuer
  responses: FakeResponses
  close(): Promise<void>
}

/**
 * A real HTTP server playing the ChatGPT backend as shared/protocol/codex.md describes it: the OAuth issuer
 * (issuer.ts) and the Codex Responses + models endpoints (responses.ts). Tests script it; `npm run demo` runs it.
 */
export async function startFakeCodex(options: FakeCodexOptions = {}): Promise<FakeCodex> {
  const issuer = createFakeIssuer(options)
  const responses = createFakeResponses({ verifyAccessToken: (token) => issuer.verifyAccessToken(token) })
  const routes: RouteHandler[] = [issuer.handle, responses.handle]

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    void (async () => {
      for (const route of routes) {
        if (await route(req, res, url)) return
      }
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ detail: 'Not Found' }))
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ detail: String(error) }))
    })
  })

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const issuerUrl = `http://${host}:${port}`
  issuer.setPublicUrl(issuerUrl)

  return {
    issuerUrl,
    baseUrl: `${issuerUrl}/backend-api/codex`,
    issuer,
    responses,
    close: () =>
      new Promise<void>((resolve) => {
        responses.abortAll()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
