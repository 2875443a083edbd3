import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { workerEntryPlugin } from './scripts/worker-entry-plugin'

// The web harness and the demo (src/web) bundled for Node, as electron-vite bundles the Electron main: one file
// each, started by scripts/web-harness.mjs, with no TypeScript compiler in the way at launch.
export default defineConfig({
  // The storage workers beside the bundle, as in the Electron build (src/main/storage/worker-runner.ts starts them).
  plugins: [workerEntryPlugin(import.meta.dirname)],
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(import.meta.dirname, 'out/web-harness'),
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: {
        cli: resolve(import.meta.dirname, 'src/web/cli.ts'),
        demo: resolve(import.meta.dirname, 'src/web/demo.ts'),
      },
      // Chunks beside the entries: server.ts finds the repository from its own folder (REPO_ROOT).
      output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name].js' },
    },
  },
  ssr: {
    // Bundled too: fewer files to load at start, and ESM-only packages work from the CommonJS output.
    noExternal: true,
    external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
  },
})
