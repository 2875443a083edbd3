import type { UsageLimits } from '../shared/domain'
import type { UsageMeter } from './ports'

/**
 * The latest known usage windows. Headers and `codex.rate_limits` events each report part of the picture, so an
 * update keeps the windows it does not mention.
 */
export function createUsageMeter(now: () => number = Date.now): UsageMeter {
  const listeners = new Set<(limits: UsageLimits) => void>()
  let current: UsageLimits | null = null

  return {
    current: () => current,
    update(limits) {
      const next: UsageLimits = { ...current, ...limits, updatedAt: limits.updatedAt ?? now() }
      for (const key of ['primary', 'secondary', 'planType'] as const) {
        if (next[key] === undefined) delete next[key]
      }
      current = next
      for (const listener of listeners) listener(next)
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
