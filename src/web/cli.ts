import { join } from 'node:path'
import { version } from '../../package.json'
import { readServiceEnv } from '../main/config'
import { parseHarnessArgs } from './cli-args'
import { REPO_ROOT, startWebHarness } from './server'

async function main(): Promise<void> {
  const log = (message: string) => process.stderr.write(`${message}\n`)
  const args = parseHarnessArgs(process.argv.slice(2))
  const harness = await startWebHarness({
    port: args.port,
    dataDir: args.dataDir,
    env: readServiceEnv(),
    appVersion: version,
    staticDir: join(REPO_ROOT, 'out/web'),
    log,
  })
  log(`Data folder: ${args.dataDir}`)
  // The one line on stdout: scripts and tests read it to find the app. The page loads while the services start.
  process.stdout.write(`Codex Desk web UI: ${harness.launchUrl}\n`)

  const stop = () => {
    void harness.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  await harness.services
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Codex Desk web harness failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exit(1)
})
