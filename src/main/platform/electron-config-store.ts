import Store from 'electron-store'
import { z } from 'zod'
import { settingsPatchSchema } from '../../shared/ipc-contract'
import { SETTINGS_REVISION_KEY } from '../settings/settings-service'
import type { KeyValueStore } from './types'

/** electron-store validates what it holds: settings against the contract's schema, the auth blob as an object. */
export function createElectronConfigStore(): KeyValueStore {
  const store = new Store<Record<string, unknown>>({
    name: 'config',
    clearInvalidConfig: true,
    schema: {
      settings: z.toJSONSchema(settingsPatchSchema, { target: 'draft-07' }) as Record<string, unknown>,
      auth: { type: 'object' },
      [SETTINGS_REVISION_KEY]: { type: 'number' },
    },
  })
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  }
}
