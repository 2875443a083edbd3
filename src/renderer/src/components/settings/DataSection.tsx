import { call } from '../../api'
import { reportError } from '../../stores/notices-store'
import { useSettingsStore } from '../../stores/settings-store'
import { UsageMeter } from '../chat/UsageMeter'

export function DataSection() {
  const appInfo = useSettingsStore((state) => state.appInfo)
  return (
    <>
      <section className="settings-section" aria-labelledby="settings-usage">
        <h3 id="settings-usage">Usage</h3>
        <UsageMeter />
      </section>
      <section className="settings-section" aria-labelledby="settings-data">
        <h3 id="settings-data">Data</h3>
        {appInfo && <p className="data-path">{appInfo.dataDir}</p>}
        <button
          type="button"
          className="secondary-button"
          onClick={() => void call('app:open-data-folder').catch(reportError)}
        >
          Open data folder
        </button>
        {appInfo && (
          <p className="muted">
            Codex Desk {appInfo.version} · {appInfo.platform}
          </p>
        )}
      </section>
    </>
  )
}
