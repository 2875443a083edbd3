import { join } from 'node:path'
import { ensureBuilds } from '../../scripts/vite-builds.mjs'
import { findElectronBinary } from './support/electron-binary'

/**
 * Builds the web UI and the bundled harness once, so no spec pays for it while its clock runs, and says why Electron
 * runs will skip.
 */
export default async function globalSetup(): Promise<void> {
  const log = (message: string) => process.stderr.write(`${message}\n`)
  await ensureBuilds(join(__dirname, '../..'), ['web', 'harness'], log)
  const electron = findElectronBinary()
  if ('skipReason' in electron) log(`[electron] project skips: ${electron.skipReason}`)
}
