import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export interface HarnessArgs {
  port: number
  dataDir: string
}

const USAGE = 'Usage: npm run web -- [--port P] [--data-dir D]'

export function parseHarnessArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): HarnessArgs {
  let port = 5180
  let dataDir = env.CODEX_DESK_DATA_DIR ?? join(homedir(), '.codex-desk-web')
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = argv[i + 1]
    if (arg === '--port' && value !== undefined) {
      port = Number(value)
      i++
    } else if (arg === '--data-dir' && value !== undefined) {
      dataDir = value
      i++
    } else {
      throw new Error(`Unknown argument "${arg}". ${USAGE}`)
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number. ${USAGE}`)
  return { port, dataDir: resolve(dataDir) }
}
