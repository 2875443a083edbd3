import { create } from 'zustand'
import type { AppInfo, Settings } from '../../../shared/domain'
import type { RequestInput } from '../../../shared/ipc-contract'
import { call } from '../api'
import { reportError } from './notices-store'

export type SettingsPatch = RequestInput<'settings:update'>

interface SettingsState {
  settings: Settings | null
  appInfo: AppInfo | null
  load(): Promise<void>
  /** Applies the patch at once and rolls it back if main refuses it. */
  update(patch: SettingsPatch): Promise<void>
  receive(settings: Settings): void
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: null,
  appInfo: null,
  async load() {
    const [settings, appInfo] = await Promise.allSettled([call('settings:get'), call('app:info')])
    if (settings.status === 'fulfilled') set({ settings: settings.value })
    else reportError(settings.reason)
    if (appInfo.status === 'fulfilled') set({ appInfo: appInfo.value })
    else reportError(appInfo.reason)
  },
  async update(patch) {
    const before = get().settings
    if (before) set({ settings: { ...before, ...patch } })
    try {
      set({ settings: await call('settings:update', patch) })
    } catch (error) {
      set({ settings: before })
      reportError(error)
    }
  },
  receive: (settings) => set({ settings }),
}))
