import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { releaseBuildEnv } from './release-build-env.mjs'

/** What the bundled harness is made from: a change to any of these makes out/web-harness stale. */
const SOURCES = [
  'src/main',
  'src/shared',
  'src/web',
  'src/fake-codex',
  'package.json',
  'package-lock.json',
  'vite.harness.config.mts',
  'scripts/worker-entry-plugin.ts',
]
const OUTPUT = 'out/web-harness/server.js'

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

function harnessBuildIsStale(repoRoot) {
  const built = join(repoRoot, OUTPUT)
  if (!existsSync(built)) return true
  const builtAt = statSync(built).mtimeMs
  return SOURCES.some((source) => newestMtime(join(repoRoot, source)) > builtAt)
}

/** Bundles the web harness and the demo into out/web-harness when missing or older than their sources. */
export async function ensureHarnessBuild(repoRoot, log) {
  if (!harnessBuildIsStale(repoRoot)) return
  log('Building the web harness (out/web-harness)…')
  const vite = join(repoRoot, 'node_modules/.bin/vite')
  await new Promise((resolve, reject) => {
    const child = spawn(vite, ['build', '--config', 'vite.harness.config.mts', '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: releaseBuildEnv(process.env),
    })
    // Only the harness's ready line belongs on stdout; vite's output goes to stderr with the other logs.
    child.stdout.pipe(process.stderr)
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))))
  })
}
