import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import type { ServiceEnv } from '../main/config'
import type { AppServices } from '../main/services'
import type { HostedApp } from './app-host'
import { serveStatic } from './static-files'

export interface WebHarnessOptions {
  /** 0 picks a free port. */
  port: number
  dataDir: string
  env: ServiceEnv
  appVersion: string
  /** The built renderer (out/web). */
  staticDir: string
  log?: (message: string) => void
}

export interface WebHarness {
  url: string
  token: string
  /** The URL a person opens: the token travels in the fragment, which the browser never sends to a server. */
  launchUrl: string
  /** The app's services, started behind the page; rejects when they cannot start (the data folder in use, say). */
  services: Promise<AppServices>
  close(): Promise<void>
}

type HeldUpgrade = [request: IncomingMessage, socket: Duplex, head: Buffer]

/** Without a browser asking for the page, the services start after this long anyway. */
const PAGE_FIRST_MS = 250

/**
 * The web harness on 127.0.0.1 only. It serves the built renderer as soon as it listens; the app's services (most
 * of the code it runs, whose loading blocks the event loop for a while) load once the browser has the page's
 * scripts, so both load at the same time instead of one after the other. A WebSocket that connects before the
 * services are up waits for them: the page sees them ready either way.
 */
export async function startWebHarness(options: WebHarnessOptions): Promise<WebHarness> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`))
  const token = randomBytes(32).toString('base64url')

  let hosted: Promise<HostedApp> | null = null
  let closed = false
  let startServices = () => {}
  const started = new Promise<void>((resolve) => {
    startServices = resolve
  })
  const fallback = setTimeout(startServices, PAGE_FIRST_MS)
  let responding = 0
  let scriptSent = false
  const server = createServer((req, res) => {
    responding++
    res.once('close', () => {
      responding--
      scriptSent ||= res.statusCode === 200 && /\.m?js$/.test((req.url ?? '').split('?')[0])
      if (scriptSent && responding === 0) startServices()
    })
    serveStatic(options.staticDir, req, res).catch((error: unknown) => {
      log(`Static file error: ${String(error)}`)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  const held: HeldUpgrade[] = []
  const hold = (...upgrade: HeldUpgrade) => held.push(upgrade)
  server.on('upgrade', hold)

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port, '127.0.0.1', () => resolve())
    })
  } catch (error) {
    clearTimeout(fallback)
    throw error
  }
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`

  const services = started
    .then(() => {
      clearTimeout(fallback)
      if (closed) throw new Error('The web harness closed before its services started.')
      hosted = import('./app-host').then(({ hostApp }) =>
        hostApp({
          server,
          token,
          allowedOrigins: () => [url, `http://localhost:${port}`],
          dataDir: options.dataDir,
          env: options.env,
          appVersion: options.appVersion,
          log,
        }),
      )
      return hosted
    })
    .then(
      (app) => {
        server.off('upgrade', hold)
        for (const upgrade of held.splice(0)) server.emit('upgrade', ...upgrade)
        return app.services
      },
      (error: unknown) => {
        for (const [, socket] of held.splice(0)) socket.destroy()
        throw error
      },
    )
  // A caller that never looks at `services` must not crash the process with an unhandled rejection.
  services.catch(() => {})

  return {
    url,
    token,
    launchUrl: `${url}/#token=${token}`,
    services,
    async close() {
      closed = true
      clearTimeout(fallback)
      const app = hosted ? await hosted.catch(() => null) : null
      app?.closeTransport()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await app?.services.dispose()
    },
  }
}

export const REPO_ROOT = join(__dirname, '../..')
