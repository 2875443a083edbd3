import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { findElectronBinary as findBinary } from '../../../scripts/electron-binary.mjs'
import { REPO_ROOT } from './harness-process'

/** The Electron executable when its binary was downloaded; otherwise why the Electron run must skip. */
export function findElectronBinary(): { path: string } | { skipReason: string } {
  const found = findBinary(REPO_ROOT)
  if ('missing' in found)
    return { skipReason: `Electron is not installed (${found.missing}); run "npx install-electron".` }
  if (!existsSync(join(REPO_ROOT, 'out/main/index.js'))) return { skipReason: 'Run "npm run build" first.' }
  return found
}
