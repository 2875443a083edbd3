/** `npm run fake-codex -- --port P`: the whole fake backend (issuer, Responses, models) on 127.0.0.1. */
import { startFakeCodex } from './server'

function portFromArgs(argv: string[]): number {
  const index = argv.indexOf('--port')
  if (index === -1) return 0
  const port = Number(argv[index + 1])
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port needs a port number, got "${argv[index + 1]}".`)
  return port
}

async function main(): Promise<void> {
  const fake = await startFakeCodex({ port: portFromArgs(process.argv.slice(2)) })
  process.stdout.write(`CODEX_AUTH_ISSUER=${fake.issuerUrl}\nCODEX_BASE_URL=${fake.baseUrl}\n`)
  const stop = () => {
    void fake.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-codex failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
