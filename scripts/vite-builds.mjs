import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { releaseBuildEnv } from './release-build-env.mjs'

/**
 * The one owner of the Vite builds that scripts run before they start something (the web UI, the web harness, the
 * node benchmarks): what each is made from, when it is stale, and how it is built. A build is stale when its output
 * is missing or older than any file under its sources.
 */
export const BUILDS = {
  web: {
    label: 'the web UI (out/web)',
    config: 'vite.web.config.mts',
    output: 'out/web/index.html',
    sources: ['src/renderer', 'src/shared', 'vite.web.config.mts', 'scripts/csp-meta-plugin.ts', 'package.json'],
  },
  harness: {
    label: 'the web harness (out/web-harness)',
    config: 'vite.harness.config.mts',
    output: 'out/web-harness/server.js',
    sources: [
      'src/main',
      'src/shared',
      'src/web',
      'src/fake-codex',
      'package.json',
      'package-lock.json',
      'vite.harness.config.mts',
      'scripts/worker-entry-plugin.ts',
    ],
  },
  bench: {
    label: 'the node benchmarks (out/bench)',
    config: 'vite.bench.config.mts',
    output: 'out/bench/node-bench.js',
    sources: [
      'src/main',
      'src/shared',
      'src/web',
      'src/fake-codex',
      'bench/node',
      'bench/stats.ts',
      'package.json',
      'package-lock.json',
      'vite.bench.config.mts',
    ],
  },
}

function newestMtime(path, seen) {
  const known = seen.get(path)
  if (known !== undefined) return known
  let info
  try {
    info = statSync(path)
  } catch {
    return 0
  }
  let newest = info.mtimeMs
  if (info.isDirectory()) {
    for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry), seen))
  }
  seen.set(path, newest)
  return newest
}

/**
 * True when `output` is missing or older than anything in `sources` (all relative to `repoRoot`). `seen` keeps the
 * newest time of each folder walked, for checks of several builds over the same sources in one go.
 */
export function buildIsStale(repoRoot, output, sources, seen = new Map()) {
  const built = join(repoRoot, output)
  if (!existsSync(built)) return true
  const builtAt = statSync(built).mtimeMs
  return sources.some((source) => newestMtime(join(repoRoot, source), seen) > builtAt)
}

/** Runs `vite build` for each of `names` (BUILDS) that is stale, in order. Vite's output goes to stderr. */
export async function ensureBuilds(repoRoot, names, log) {
  const seen = new Map()
  const stale = names.filter((name) => buildIsStale(repoRoot, BUILDS[name].output, BUILDS[name].sources, seen))
  for (const name of stale) await viteBuild(repoRoot, BUILDS[name], log)
}

async function viteBuild(repoRoot, build, log) {
  log(`Building ${build.label}…`)
  // Only when a build is due: loading child_process costs a launch that builds nothing several milliseconds.
  const { spawn } = await import('node:child_process')
  const vite = join(repoRoot, 'node_modules/.bin/vite')
  await new Promise((resolve, reject) => {
    const child = spawn(vite, ['build', '--config', build.config, '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      // A production build whoever asks (release-build-env.mjs says why). The configs import TypeScript from a
      // CommonJS package, which Vite's loader handles but announces as unsupported by its future native loader.
      env: { ...releaseBuildEnv(process.env), VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    })
    // Only ready lines belong on stdout.
    child.stdout.pipe(process.stderr)
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))))
  })
}
