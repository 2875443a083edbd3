import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

// The node benchmarks that measure the app's own code (bench/node) bundled as the web harness and the Electron main
// are, so they time what users run rather than TypeScript under tsx (whose transforms add a closure per function).
export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(import.meta.dirname, 'out/bench'),
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: { 'node-bench': resolve(import.meta.dirname, 'bench/node/node-bench.ts') },
      output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name].js' },
    },
  },
  ssr: {
    noExternal: true,
    external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
  },
})
