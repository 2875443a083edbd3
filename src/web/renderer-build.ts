import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { releaseBuildEnv } from '../../scripts/release-build-env.mjs'

/** What the web build is made from: a change to any of these makes out/web stale. */
const SOURCES = ['src/renderer', 'src/shared', 'vite.web.config.mts', 'scripts/csp-meta-plugin.ts', 'package.json']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** True when `output` is missing or older than anything in `sources` (all relative to `repoRoot`). */
export function buildIsStale(repoRoot: string, output: string, sources: readonly string[]): boolean {
  const built = join(repoRoot, output)
  if (!existsSync(built)) return true
  const builtAt = statSync(built).mtimeMs
  return sources.some((source) => newestMtime(join(repoRoot, source)) > builtAt)
}

export function webBuildIsStale(repoRoot: string): boolean {
  return buildIsStale(repoRoot, 'out/web/index.html', SOURCES)
}

/** Builds the renderer for the browser when out/web is missing or older than its sources. Logs go to stderr. */
export async function ensureWebBuild(repoRoot: string, log: (message: string) => void): Promise<void> {
  if (!webBuildIsStale(repoRoot)) return
  log('Building the web UI (out/web)…')
  const vite = join(repoRoot, 'node_modules/.bin/vite')
  await new Promise<void>((resolve, reject) => {
    const child = spawn(vite, ['build', '--config', 'vite.web.config.mts', '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      // The config imports the CSP from src/shared (TypeScript in a CommonJS package), which Vite's loader handles
      // but announces as unsupported by its future native loader on every build.
      env: { ...releaseBuildEnv(process.env), VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    })
    // Only the ready line belongs on stdout; vite's output goes to stderr with the other logs.
    child.stdout.pipe(process.stderr)
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))))
  })
}
