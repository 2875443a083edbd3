import { resolve } from 'node:path'
import { build, type Plugin } from 'vite'

/**
 * Builds a worker thread's entry into main's output folder as one self-contained CommonJS file, `<name>.js`, which
 * main starts by path. Not a second input of main's own build: rolldown then makes the worker chunk require main's
 * entry (index.js) for its runtime helpers, which would boot the whole app inside the worker. electron-vite's
 * `?modulePath` import builds a separate bundle too, but such an import cannot run from source under tsx or vitest.
 */
export function workerEntryPlugin(name: string, entry: string): Plugin {
  let outDir = ''
  return {
    name: 'codex-desk-worker-entry',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        // Everything but Node's own modules goes in: the package ships no node_modules (tests/electron/package-dir).
        ssr: { noExternal: true, target: 'node' },
        build: {
          ssr: entry,
          outDir,
          emptyOutDir: false,
          minify: false,
          rollupOptions: { output: { format: 'cjs', entryFileNames: `${name}.js` } },
        },
      })
    },
  }
}
