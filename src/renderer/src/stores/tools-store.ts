/**
 * Where the open conversation's tools work and how their calls are approved. On the new-chat screen there is no
 * conversation yet: the folder shown and chosen there is the last used one (settings), which the first message's
 * conversation starts in.
 */
import { create } from 'zustand'
import { type ApprovalLevel, type ConversationTools, DEFAULT_TOOL_POLICY } from '../../../shared/tool-previews'
import { call } from '../api'
import { reportError } from './notices-store'
import { useSettingsStore } from './settings-store'

interface ToolsState {
  conversationId: string | null
  /** Null on the new-chat screen and while a conversation loads. */
  tools: ConversationTools | null
  show(conversationId: string | null, tools: ConversationTools | null): void
  /** A new conversation starts in the last used folder, with the app-wide approval level. */
  showNew(conversationId: string): void
  /** Rejects with main's reason when the folder cannot be used, for the chooser to show. */
  setWorkspace(path: string | null): Promise<void>
  setApprovalLevel(level: ApprovalLevel | null): Promise<void>
}

export const useToolsStore = create<ToolsState>()((set, get) => ({
  conversationId: null,
  tools: null,
  show: (conversationId, tools) => set({ conversationId, tools }),
  showNew(conversationId) {
    const workspace = useSettingsStore.getState().settings?.workspace ?? null
    set({ conversationId, tools: { workspace, policy: DEFAULT_TOOL_POLICY } })
  },
  async setWorkspace(path) {
    const { conversationId } = get()
    if (conversationId === null) {
      useSettingsStore.getState().receive(await call('settings:update', { workspace: path }))
      return
    }
    const tools = await call('conversations:set-workspace', { id: conversationId, workspace: path })
    if (get().conversationId === conversationId) set({ tools })
  },
  async setApprovalLevel(level) {
    const { conversationId } = get()
    if (conversationId === null) return
    try {
      const tools = await call('conversations:set-approval-level', { id: conversationId, level })
      if (get().conversationId === conversationId) set({ tools })
    } catch (error) {
      reportError(error)
    }
  },
}))

/** The folder the header shows: the open conversation's, or on the new-chat screen the last used one. */
export function useShownWorkspace(): string | null {
  const tools = useToolsStore((state) => state.tools)
  const conversationId = useToolsStore((state) => state.conversationId)
  const lastUsed = useSettingsStore((state) => state.settings?.workspace ?? null)
  return conversationId === null ? lastUsed : (tools?.workspace ?? null)
}
