import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { releaseBuildEnv } from '../../scripts/release-build-env.mjs'
import { buildIsStale } from '../../scripts/vite-builds.mjs'
import { WORKER_ENTRIES } from '../../scripts/worker-entry-plugin'

const REPO_ROOT = join(__dirname, '../..')
/** What the bundles are made from (main serves the built renderer, so its page counts too). */
const SOURCES = [
  'src/main',
  'src/preload',
  'src/shared',
  'src/renderer',
  'electron.vite.config.ts',
  'scripts/csp-meta-plugin.ts',
  'scripts/worker-entry-plugin.ts',
  'package.json',
]
const OUTPUTS = [
  'out/main/index.js',
  ...Object.keys(WORKER_ENTRIES).map((name) => `out/main/${name}.js`),
  'out/preload/index.js',
  'out/renderer/index.html',
]

/**
 * These tests load the BUILT bundles, so a fresh clone (or an edit since the last build) runs
 * `electron-vite build` first; CI has just built and pays nothing.
 */
export default async function globalSetup(): Promise<void> {
  if (!OUTPUTS.some((output) => buildIsStale(REPO_ROOT, output, SOURCES))) return
  process.stderr.write('Building the Electron bundles (electron-vite build)…\n')
  await new Promise<void>((resolve, reject) => {
    const child = spawn(join(REPO_ROOT, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: releaseBuildEnv(process.env),
    })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`electron-vite build exited with ${code}`))))
  })
}
