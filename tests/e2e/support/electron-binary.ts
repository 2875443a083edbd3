import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { REPO_ROOT } from './harness-process'

/** The Electron executable when its binary was downloaded; otherwise why the Electron run must skip. */
export function findElectronBinary(): { path: string } | { skipReason: string } {
  const require = createRequire(join(REPO_ROOT, 'package.json'))
  const dir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) {
    return { skipReason: 'Electron binary not downloaded (no internet at install time); run "npx install-electron".' }
  }
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { skipReason: `Electron binary missing at ${binary}.` }
  if (!existsSync(join(REPO_ROOT, 'out/main/index.js'))) return { skipReason: 'Run "npm run build" first.' }
  return { path: binary }
}
