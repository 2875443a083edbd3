import { useEffect } from 'react'
import { ChatPane } from './components/chat/ChatPane'
import { CommandPalette } from './components/common/CommandPalette'
import { SettingsDialog } from './components/settings/SettingsDialog'
import { Sidebar } from './components/sidebar/Sidebar'
import { useAppShortcuts } from './keyboard/shortcuts'
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

  // In a narrow window the list covers the chat: opening a conversation (or a new one) puts it away.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a newly active conversation is the trigger.
  useEffect(() => {
    closeOverlay()
  }, [activeId, closeOverlay])

  const layout = ['app', narrow ? 'narrow' : 'wide', sidebarShown ? 'sidebar-shown' : 'sidebar-hidden']
  return (
    <div className={layout.join(' ')}>
      {sidebarShown && <Sidebar />}
      {narrow && sidebarShown && <div className="sidebar-backdrop" aria-hidden="true" onClick={closeOverlay} />}
      <ChatPane />
      <SettingsDialog />
      <CommandPalette />
    </div>
  )
}
