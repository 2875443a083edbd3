import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron'
import { type CodexApi, IPC_EVENT_PREFIX, IPC_INVOKE } from '../shared/ipc-bridge'

// No logic here: the contract's two verbs, carried over Electron IPC. Main validates every payload.
const api: CodexApi = {
  invoke: (channel, ...args) => ipcRenderer.invoke(IPC_INVOKE, channel, args[0]),
  on(event, listener) {
    const wrapped = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload)
    ipcRenderer.on(IPC_EVENT_PREFIX + event, wrapped)
    return () => ipcRenderer.removeListener(IPC_EVENT_PREFIX + event, wrapped)
  },
}

contextBridge.exposeInMainWorld('codex', api)
