import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          // Loads the built out/main and out/preload; the global setup builds them when missing or stale.
          name: 'electron',
          environment: 'node',
          include: ['tests/electron/**/*.test.ts'],
          globalSetup: ['tests/electron/global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          // The whole app under faults, crashes and abuse (`npm run test:reliability`); RELIABILITY_LONG=1 for the
          // long variants. Its global setup bundles the web harness and the page the crash loop starts.
          name: 'reliability',
          environment: 'node',
          include: ['tests/reliability/**/*.test.ts'],
          globalSetup: ['tests/reliability/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        resolve: { alias: { '@renderer': resolve(import.meta.dirname, 'src/renderer/src') } },
        test: {
          name: 'components',
          environment: 'happy-dom',
          include: ['tests/components/**/*.test.tsx'],
          setupFiles: ['tests/components/setup.ts'],
        },
      },
    ],
  },
})
