import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// The Markdown benchmark needs React and a DOM, so it runs under vitest with happy-dom (never part of `npm test`).
const root = resolve(import.meta.dirname, '../..')
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { '@renderer': resolve(root, 'src/renderer/src') } },
  test: {
    environment: 'happy-dom',
    include: ['bench/markdown/*.measure.tsx'],
    testTimeout: 300_000,
  },
})
