import type { Server } from 'node:http'
import type { ServiceEnv } from '../main/config'
import { type AppServices, createAppServices } from '../main/services'
import { createNodePlatform } from './node-platform'
import { attachWsTransport } from './ws-transport'

export interface HostedApp {
  services: AppServices
  /** Ends the WebSocket connections, then disposes of the services (the HTTP server is the caller's). */
  closeTransport(): void
}

/**
 * The app's main-process services in plain Node, carried over the WebSocket of `server`. The heavy half of the
 * harness: server.ts loads it only once the page is being served.
 */
export async function hostApp(options: {
  server: Server
  token: string
  allowedOrigins: () => string[]
  dataDir: string
  env: ServiceEnv
  appVersion: string
  log: (message: string) => void
}): Promise<HostedApp> {
  const { log } = options
  const platform = createNodePlatform({ dataDir: options.dataDir, appVersion: options.appVersion, log })
  const services = await createAppServices(platform, options.env, log)
  const transport = attachWsTransport({
    server: options.server,
    token: options.token,
    allowedOrigins: options.allowedOrigins,
    dispatch: services.dispatch,
    events: services.events,
    log,
  })
  return { services, closeTransport: () => transport.close() }
}
