import { resolve } from 'node:path'
import { build, type Plugin } from 'vite'
import type { WorkerName } from '../src/main/storage/worker-runner'

/**
 * The worker threads main starts by path (src/main/storage/worker-runner.ts), each built beside main as `<name>.js`.
 * The package proof and the Electron tests' build check read this list too.
 */
export const WORKER_ENTRIES = {
  'import-worker': 'src/main/storage/import-worker.ts',
  'export-worker': 'src/main/storage/export-worker.ts',
  'search-worker': 'src/main/storage/search-worker.ts',
} as const satisfies Record<WorkerName, string>

/**
 * Builds each worker entry into main's output folder as one self-contained CommonJS file. Not a second input of
 * main's own build: rolldown then makes the worker chunk require main's entry (index.js) for its runtime helpers,
 * which would boot the whole app inside the worker; and not one build of all workers, which would share a chunk
 * between them. electron-vite's `?modulePath` import builds a separate bundle too, but such an import cannot run from
 * source under tsx or vitest.
 */
export function workerEntryPlugin(repoRoot: string): Plugin {
  let outDir = ''
  return {
    name: 'codex-desk-worker-entries',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      for (const [name, entry] of Object.entries(WORKER_ENTRIES)) {
        await build({
          configFile: false,
          logLevel: 'warn',
          // Everything but Node's own modules goes in: the package ships no node_modules (tests/electron/package-dir).
          ssr: { noExternal: true, target: 'node' },
          build: {
            ssr: resolve(repoRoot, entry),
            outDir,
            emptyOutDir: false,
            minify: false,
            rollupOptions: { output: { format: 'cjs', entryFileNames: `${name}.js` } },
          },
        })
      }
    },
  }
}
