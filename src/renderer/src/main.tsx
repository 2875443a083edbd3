/**
 * Start-up: use the Electron preload's `window.codex`, or in the browser connect to the web harness with the
 * token from the printed link.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { CodexApi } from '../../shared/ipc-contract'
import { App } from './App'
import { installCodexApi } from './api'
import { MissingTokenPage } from './components/MissingTokenPage'
import { preloadMarkdown } from './markdown/markdown-loader'
import { catchUpAfterReconnect, connectStores } from './stores/connect-stores'
import { useConnectionStore } from './stores/connection-store'
import { takeSessionToken } from './transport/session-token'
import { createWebSocketApi, webSocketUrl } from './transport/ws-client'
import './styles/app.css'

function connectToMain(): CodexApi | null {
  if (window.codex) return window.codex
  const token = takeSessionToken()
  if (!token) return null
  let lost = false
  return createWebSocketApi(webSocketUrl(window.location), token, (connected) => {
    useConnectionStore.getState().setConnected(connected)
    if (connected && lost) catchUpAfterReconnect()
    lost = !connected
  })
}

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('index.html has no #root element')
const root = createRoot(rootElement)
const api = connectToMain()

if (api) {
  installCodexApi(api)
  // The first screen shows no answer: the markdown renderer loads once the page is idle after showing it. Loaded
  // sooner, while the page waits for the conversation list, it would delay painting the list.
  connectStores(preloadMarkdown)
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
} else {
  root.render(<MissingTokenPage />)
}
