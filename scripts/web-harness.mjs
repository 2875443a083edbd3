import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuilds } from './vite-builds.mjs'

// `npm run web` / `npm run demo`: `node scripts/web-harness.mjs <cli|demo> [args]` runs the bundled harness,
// building it and the web UI first when their sources changed, in this process (a second Node start would cost the
// time saved).
const ENTRIES = ['cli', 'demo']
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const [entry] = process.argv.splice(2, 1)
if (!ENTRIES.includes(entry)) {
  process.stderr.write(`Usage: node scripts/web-harness.mjs <${ENTRIES.join('|')}> [--port P] [--data-dir D]\n`)
  process.exit(2)
}
try {
  const log = (message) => process.stderr.write(`${message}\n`)
  await ensureBuilds(repoRoot, ['harness', 'web'], log)
} catch (error) {
  process.stderr.write(`Could not build the web harness: ${error instanceof Error ? error.message : error}\n`)
  process.exit(1)
}
createRequire(import.meta.url)(join(repoRoot, 'out/web-harness', `${entry}.js`))
