import { App } from '@renderer/App'
import { installCodexApi } from '@renderer/api'
import { connectStores } from '@renderer/stores/connect-stores'
import { render } from '@testing-library/react'
import type { TestCodexApi } from './test-api'

let disconnect: (() => void) | null = null

/** Renders the whole app against a test API, wired the way main.tsx wires it. */
export function renderApp(api: TestCodexApi) {
  installCodexApi(api)
  disconnect = connectStores()
  return render(<App />)
}

export function disconnectApp(): void {
  disconnect?.()
  disconnect = null
}
