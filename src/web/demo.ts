import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { version } from '../../package.json'
import { demoScenario } from '../fake-codex/demo-answer'
import { startFakeCodex } from '../fake-codex/server'
import { DEFAULT_ORIGINATOR } from '../main/client-identity'
import { parseHarnessArgs } from './cli-args'
import { signInThroughLoopback } from './demo-sign-in'
import { freeLoopbackPort } from './free-port'
import { REPO_ROOT, startWebHarness } from './server'

/**
 * `npm run demo`: the fake ChatGPT backend plus the web harness pointed at it, already signed in through the real
 * OAuth flow, so anyone can try the app with no account. Data goes to a fresh temp folder unless --data-dir is given.
 */
async function main(): Promise<void> {
  const log = (message: string) => process.stderr.write(`${message}\n`)
  const argv = process.argv.slice(2)
  const args = parseHarnessArgs(argv, {
    CODEX_DESK_DATA_DIR: argv.includes('--data-dir') ? undefined : mkdtempSync(join(tmpdir(), 'codex-desk-demo-')),
  })
  const fake = await startFakeCodex()
  fake.responses.setDefaultScenario(demoScenario)
  const oauthPort = await freeLoopbackPort()
  const harness = await startWebHarness({
    port: args.port,
    dataDir: args.dataDir,
    env: { baseUrl: fake.baseUrl, issuer: fake.issuerUrl, oauthPort, originator: DEFAULT_ORIGINATOR },
    appVersion: version,
    staticDir: join(REPO_ROOT, 'out/web'),
    log,
  })
  await signInThroughLoopback((await harness.services).api)
  log(`Fake Codex backend: ${fake.baseUrl}`)
  log(`Data folder: ${args.dataDir}`)
  process.stdout.write(`Codex Desk web UI: ${harness.launchUrl}\n`)

  const stop = () => {
    void harness
      .close()
      .then(() => fake.close())
      .finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`Codex Desk demo failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
