import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type AppServices, createAppServices } from '../../src/main/services'
import { createNodePlatform } from '../../src/web/node-platform'

export interface OfflineApp {
  /** A fresh temp folder; the app's data folder is `data` inside it. */
  root: string
  services: AppServices
  close(): Promise<void>
}

/** The whole app's services over a fresh data folder, signed out, with a backend address that is never reached. */
export async function startOfflineApp(prefix: string): Promise<OfflineApp> {
  const root = await mkdtemp(join(tmpdir(), prefix))
  const platform = createNodePlatform({ dataDir: join(root, 'data'), appVersion: '0.0.0-test', log: () => {} })
  const services = await createAppServices(
    platform,
    {
      baseUrl: 'http://127.0.0.1:9/backend-api/codex',
      issuer: 'http://127.0.0.1:9',
      oauthPort: 0,
      originator: 'codex_desk',
    },
    () => {},
  )
  return {
    root,
    services,
    async close() {
      await services.dispose()
      await rm(root, { recursive: true, force: true })
    },
  }
}
