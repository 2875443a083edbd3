import { fail } from '../../shared/errors'
import type { Capability } from '../capability'
import type { ServiceEnv } from '../config'
import type { EventSink } from '../ipc/event-hub'
import type { Platform } from '../platform/types'
import type { SettingsService, TokenProvider } from '../ports'

export type AccountChannels = 'account:get' | 'account:sign-in' | 'account:cancel-sign-in' | 'account:sign-out'

export interface AuthDeps {
  platform: Platform
  env: ServiceEnv
  events: EventSink
  settings: SettingsService
  log?(message: string): void
}

export interface Auth extends Capability<AccountChannels> {
  tokens: TokenProvider
}

export function createAuth(_deps: AuthDeps): Auth {
  const notYet = () => fail('not-implemented', 'Sign-in is not implemented yet.')
  return {
    tokens: { getCredentials: notYet, refreshAfterUnauthorized: notYet },
    handlers: {
      'account:get': () => ({ status: 'signed-out', tokenStorage: 'memory' }),
      'account:sign-in': notYet,
      'account:cancel-sign-in': notYet,
      'account:sign-out': notYet,
    },
    dispose: async () => {},
  }
}
