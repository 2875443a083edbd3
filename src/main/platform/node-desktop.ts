import { spawn } from 'node:child_process'
import type { Desktop } from './types'

/**
 * The harness runs in a browser tab: links and the sign-in page are opened by the page itself, so only
 * "Open data folder" reaches the OS, best effort (a headless machine has no file manager).
 */
export function createNodeDesktop(log: (message: string) => void): Desktop {
  return {
    openExternal: async () => {},
    openPath: async (path) => {
      const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
      const child = spawn(opener, [path], { detached: true, stdio: 'ignore' })
      child.on('error', () => log(`Could not open ${path} (no ${opener} on this machine).`))
      child.unref()
    },
  }
}
