import { join } from 'node:path'
import { ensureHarnessBuild } from '../../scripts/harness-build.mjs'
import { ensureWebBuild } from '../../src/web/renderer-build'
import { findElectronBinary } from './support/electron-binary'

/**
 * Builds the web UI and the bundled harness once, so no spec pays for it while its clock runs, and says why Electron
 * runs will skip.
 */
export default async function globalSetup(): Promise<void> {
  const log = (message: string) => process.stderr.write(`${message}\n`)
  await ensureWebBuild(join(__dirname, '../..'), log)
  await ensureHarnessBuild(join(__dirname, '../..'), log)
  const electron = findElectronBinary()
  if ('skipReason' in electron) log(`[electron] project skips: ${electron.skipReason}`)
}
