import type { Page, WebSocketRoute } from '@playwright/test'

/**
 * Routes the page's socket to main through the test, so it can be cut and let back. Install it before the page
 * loads (every socket from the next load on goes through here).
 */
export async function cuttableConnection(page: Page) {
  let reachable = true
  let current: WebSocketRoute | undefined
  await page.routeWebSocket(/\/ws$/, (socket) => {
    if (!reachable) {
      void socket.close()
      return
    }
    current = socket
    socket.connectToServer()
  })
  return {
    /** Whether a socket has connected through the route yet. */
    connected: () => current !== undefined,
    /** Drops the socket; reconnects are refused until `restore`. */
    async cut() {
      reachable = false
      await current?.close()
    },
    restore() {
      reachable = true
    },
  }
}
