import type { CodexApi } from '../shared/ipc-bridge'

declare global {
  interface Window {
    /** Set by the Electron preload; in the web harness the renderer installs a WebSocket client instead. */
    codex?: CodexApi
  }
}
