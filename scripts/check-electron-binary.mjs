// Runs before `electron-vite dev` / `preview`: Electron 42+ downloads its binary lazily, so after an offline
// install it is absent, and electron-vite would print a dev-server URL nobody can use and then a stack trace.
import { findElectronBinary } from './electron-binary.mjs'

const found = findElectronBinary()
if ('missing' in found) {
  console.error(
    `Codex Desk cannot open the desktop app: Electron is not installed (${found.missing}). Run "npx install-electron" to get it, or use "npm run demo" (fake backend, no account) or "npm run web" (your account) in the browser.`,
  )
  process.exit(1)
}
