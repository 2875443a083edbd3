// Where the Electron executable is, found the way electron-vite finds it (ELECTRON_EXEC_PATH, else
// node_modules/electron/path.txt naming a file under dist/), and whether it is really there.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** `{ path }` when the binary exists; otherwise `{ missing }` saying what is absent. */
export function findElectronBinary(cwd = process.cwd(), env = process.env) {
  if (env.ELECTRON_EXEC_PATH) {
    const path = env.ELECTRON_EXEC_PATH
    return existsSync(path) ? { path } : { missing: `ELECTRON_EXEC_PATH names no file (${path})` }
  }
  let dir
  try {
    dir = dirname(createRequire(join(cwd, 'package.json')).resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return { missing: 'its binary was never downloaded' }
  const path = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(path) ? { path } : { missing: `its binary is missing at ${path}` }
}
