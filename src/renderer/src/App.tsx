import { ChatPane } from './components/chat/ChatPane'
import { SettingsDialog } from './components/settings/SettingsDialog'
import { Sidebar } from './components/sidebar/Sidebar'
import { useAppShortcuts } from './keyboard/shortcuts'
import { useSettingsStore } from './stores/settings-store'
import { useAppliedTheme } from './theme/useAppliedTheme'

export function App() {
  const theme = useSettingsStore((state) => state.settings?.theme ?? 'system')
  useAppliedTheme(theme)
  useAppShortcuts()
  return (
    <div className="app">
      <Sidebar />
      <ChatPane />
      <SettingsDialog />
    </div>
  )
}
