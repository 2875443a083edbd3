import { type CSSProperties, useEffect } from 'react'
import { ChatPane } from './components/chat/ChatPane'
import { CommandPalette } from './components/common/CommandPalette'
import { SettingsDialog } from './components/settings/SettingsDialog'
import { Sidebar } from './components/sidebar/Sidebar'
import { SidebarResizer } from './components/sidebar/SidebarResizer'
import { useAppShortcuts } from './keyboard/shortcuts'
import { useChatStore } from './stores/chat-store'
import { useConversationsStore } from './stores/conversations-store'
import { useSettingsStore } from './stores/settings-store'
import { isSidebarShown, useNarrowWindow, useUiStore } from './stores/ui-store'
import { useAppliedTheme } from './theme/useAppliedTheme'

export function App() {
  const theme = useSettingsStore((state) => state.settings?.theme ?? 'system')
  useAppliedTheme(theme)
  const narrow = useNarrowWindow()
  useAppShortcuts(narrow)
  const sidebarShown = useUiStore((state) => isSidebarShown(state, narrow))
  const closeOverlay = useUiStore((state) => state.closeSidebarOverlay)
  const activeId = useConversationsStore((state) => state.activeId)
  const newChatEpoch = useChatStore((state) => state.newChatEpoch)

  // In a narrow window the list covers the chat: opening a conversation (or New chat) puts it away.
  // biome-ignore lint/correctness/useExhaustiveDependencies: another conversation or New chat is the trigger.
  useEffect(() => {
    closeOverlay()
  }, [activeId, newChatEpoch, closeOverlay])

  const sidebarWidth = useUiStore((state) => state.sidebarWidth)

  const layout = ['app', narrow ? 'narrow' : 'wide', sidebarShown ? 'sidebar-shown' : 'sidebar-hidden']
  return (
    <div className={layout.join(' ')} style={{ '--sidebar-width': `${sidebarWidth}px` } as CSSProperties}>
      {sidebarShown && <Sidebar />}
      {/* An overlay has its own width and is put away, not resized. */}
      {sidebarShown && !narrow && <SidebarResizer />}
      {narrow && sidebarShown && <div className="sidebar-backdrop" aria-hidden="true" onClick={closeOverlay} />}
      <ChatPane />
      <SettingsDialog />
      <CommandPalette />
    </div>
  )
}
