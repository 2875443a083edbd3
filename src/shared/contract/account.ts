import type { AccountState } from '../domain'
import { none, request } from './common'

/** Signing in with ChatGPT and out again. */
export const accountChannels = {
  'account:get': request<AccountState>()(none),
  'account:sign-in': request<AccountState>()(none),
  'account:cancel-sign-in': request<AccountState>()(none),
  'account:sign-out': request<AccountState>()(none),
} as const

export interface AccountEvents {
  'account:changed': AccountState
}
