/** Whether the page is connected to main. Only the web harness's WebSocket can drop; Electron's IPC never does. */
import { create } from 'zustand'

interface ConnectionState {
  connected: boolean
  setConnected(connected: boolean): void
}

export const useConnectionStore = create<ConnectionState>()((set) => ({
  connected: true,
  setConnected: (connected) => set({ connected }),
}))
