import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { cspMetaPlugin } from './scripts/csp-meta-plugin'
import { workerEntryPlugin } from './scripts/worker-entry-plugin'

export default defineConfig({
  main: {
    build: {
      // Main leaves require() calls only for package.json `dependencies`, and those are all the package ships as
      // node_modules (tests/electron/package-dir.test.ts). Every library is a devDependency instead, so it is bundled
      // and tree-shaken: a shipped package would bring its ESM, CommonJS, types and sources (zod alone is 8 MB),
      // and ESM-only ones like electron-store cannot be required from a CommonJS bundle anyway (TOOLCHAIN.md, P3).
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
    // Started by path as worker threads (src/main/storage/worker-runner.ts).
    plugins: [workerEntryPlugin(__dirname)],
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias: { '@renderer': resolve(__dirname, 'src/renderer/src') } },
    plugins: [react(), cspMetaPlugin('electron')],
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
})
