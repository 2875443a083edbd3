// Electron 45 downloads its binary lazily, and `electron-vite dev` does not trigger that download,
// so a fresh `npm install` fetches it here. Machines without internet (CI here) warn and carry on:
// everything except launching the desktop shell works without the binary.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { findElectronBinary } from './electron-binary.mjs'

const require = createRequire(join(process.cwd(), 'package.json'))

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
}

const binaryPresent = () => 'path' in findElectronBinary()

const dir = electronDir()
if (!dir) process.exit(0)
if (binaryPresent()) process.exit(0)
if (process.env.CODEX_DESK_SKIP_ELECTRON_DOWNLOAD === '1') {
  console.warn('[codex-desk] CODEX_DESK_SKIP_ELECTRON_DOWNLOAD=1: not fetching the Electron binary.')
  process.exit(0)
}

const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
  encoding: 'utf8',
  timeout: 5 * 60 * 1000,
})
if (result.status !== 0 || !binaryPresent()) {
  const reason = `${result.stderr ?? ''}`.split('\n').find((line) => /error/i.test(line)) ?? 'unknown error'
  console.warn(`[codex-desk] Electron binary download failed: ${reason.trim()}`)
  console.warn(
    '[codex-desk] Could not download the Electron binary (offline?). The web harness, tests and build still work;',
  )
  console.warn('[codex-desk] run "npx install-electron" later to use "npm run dev".')
}
process.exit(0)
