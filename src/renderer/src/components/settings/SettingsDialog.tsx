import { useSettingsStore } from '../../stores/settings-store'
import { useUiStore } from '../../stores/ui-store'
import { Dialog } from '../common/Dialog'
import { AccountSection } from './AccountSection'
import { DataSection } from './DataSection'
import { GeneralSection } from './GeneralSection'
import { ShortcutsSection } from './ShortcutsSection'

export function SettingsDialog() {
  const open = useUiStore((state) => state.settingsOpen)
  const close = useUiStore((state) => state.closeSettings)
  const settings = useSettingsStore((state) => state.settings)
  if (!open) return null
  return (
    <Dialog title="Settings" onClose={close} className="settings-dialog">
      <AccountSection />
      {settings ? <GeneralSection settings={settings} /> : <p className="muted">Settings are not available yet.</p>}
      <ShortcutsSection />
      <DataSection />
    </Dialog>
  )
}
