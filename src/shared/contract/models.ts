import type { ModelSpec, UsageLimits } from '../domain'
import { none, request } from './common'

/** What the signed-in account may use: its models and how much of its plan's limits is used. */
export const modelChannels = {
  /** The list as main knows it now; main refreshes it itself and announces changes as `models:changed`. */
  'models:list': request<ModelSpec[]>()(none),
  'usage:get': request<UsageLimits | null>()(none),
} as const

export interface ModelEvents {
  'usage:changed': UsageLimits
  /** The model list changed: fetched after a sign-in, refreshed, or back to the built-in one after signing out. */
  'models:changed': ModelSpec[]
}
