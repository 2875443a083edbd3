import { join } from 'node:path'
import { ensureBuilds } from '../../scripts/vite-builds.mjs'

/**
 * The crash loop and the frame abuse start the bundled harness (`out/web-harness`, as `npm run web` does), which
 * serves the built page: both are built once here, so no start within a test pays for a build.
 */
export default async function globalSetup(): Promise<void> {
  const log = (message: string) => process.stderr.write(`${message}\n`)
  const root = join(__dirname, '../..')
  await ensureBuilds(root, ['web', 'harness'], log)
}
