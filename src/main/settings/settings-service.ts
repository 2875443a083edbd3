import type { Settings } from '../../shared/domain'
import { settingsPatchSchema } from '../../shared/ipc-contract'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import type { KeyValueStore } from '../platform/types'
import type { SettingsService } from '../ports'

const KEY = 'settings'

/** Settings kept in the platform's config store; a stored value that no longer validates falls back per field. */
export function createSettingsService(config: KeyValueStore): SettingsService {
  const listeners = new Set<(settings: Settings) => void>()
  let current = load(config.get(KEY))

  return {
    get: () => current,
    update(patch) {
      const valid = settingsPatchSchema.parse(patch)
      current = { ...current, ...valid }
      config.set(KEY, current)
      for (const listener of listeners) listener(current)
      return current
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

function load(stored: unknown): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS }
  if (typeof stored !== 'object' || stored === null) return settings
  for (const [key, value] of Object.entries(stored)) {
    const field = settingsPatchSchema.safeParse({ [key]: value })
    if (field.success) Object.assign(settings, field.data)
  }
  return settings
}
