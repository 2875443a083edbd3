import type { Settings } from '../../shared/domain'
import { settingsPatchSchema } from '../../shared/ipc-contract'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import type { KeyValueStore } from '../platform/types'
import type { SettingsService } from '../ports'

const KEY = 'settings'
/** Which defaults the stored settings were migrated to; absent before the first migration. */
export const SETTINGS_REVISION_KEY = 'settingsRevision'
const REVISION = 2

/**
 * Defaults of revision 1. Every save stored them with the rest, so a stored value equal to one is taken as never
 * chosen and moves to today's default (codex.md §0: 5 retries from 1 s; 300 s idle); a value the user picked stays.
 */
const REVISION_1_DEFAULTS: Partial<Settings> = { maxRetries: 10, retryBaseDelayMs: 5_000, streamIdleTimeoutMs: 60_000 }

/** Settings kept in the platform's config store; a stored value that no longer validates falls back per field. */
export function createSettingsService(config: KeyValueStore): SettingsService {
  const listeners = new Set<(settings: Settings) => void>()
  let current = load(config)

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

function load(config: KeyValueStore): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS }
  const stored = config.get(KEY)
  if (typeof stored !== 'object' || stored === null) return settings
  for (const [key, value] of Object.entries(stored)) {
    const field = settingsPatchSchema.safeParse({ [key]: value })
    if (field.success) Object.assign(settings, field.data)
  }
  if (config.get(SETTINGS_REVISION_KEY) === REVISION) return settings
  const migrated = migrateDefaults(settings)
  config.set(KEY, migrated)
  config.set(SETTINGS_REVISION_KEY, REVISION)
  return migrated
}

function migrateDefaults(settings: Settings): Settings {
  const migrated = { ...settings }
  for (const key of Object.keys(REVISION_1_DEFAULTS) as Array<keyof typeof REVISION_1_DEFAULTS>) {
    if (migrated[key] === REVISION_1_DEFAULTS[key]) Object.assign(migrated, { [key]: DEFAULT_SETTINGS[key] })
  }
  return migrated
}
