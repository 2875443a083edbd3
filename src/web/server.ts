import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { ServiceEnv } from '../main/config'
import { type AppServices, createAppServices } from '../main/services'
import { createNodePlatform } from './node-platform'
import { serveStatic } from './static-files'
import { attachWsTransport } from './ws-transport'

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
  services: AppServices
  close(): Promise<void>
}

/** The app's main-process services in plain Node, serving the renderer and the contract on 127.0.0.1 only. */
export async function startWebHarness(options: WebHarnessOptions): Promise<WebHarness> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`))
  const platform = createNodePlatform({ dataDir: options.dataDir, appVersion: options.appVersion, log })
  const services = await createAppServices(platform, options.env, log)
  const token = randomBytes(32).toString('base64url')

  const server = createServer((req, res) => {
    serveStatic(options.staticDir, req, res).catch((error: unknown) => {
      log(`Static file error: ${String(error)}`)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  let port = 0
  const transport = attachWsTransport({
    server,
    token,
    allowedOrigins: () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
    dispatch: services.dispatch,
    events: services.events,
    log,
  })

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port, '127.0.0.1', () => resolve())
    })
  } catch (error) {
    await services.dispose()
    throw error
  }
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    token,
    launchUrl: `${url}/#token=${token}`,
    services,
    async close() {
      transport.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await services.dispose()
    },
  }
}

export const REPO_ROOT = join(__dirname, '../..')
