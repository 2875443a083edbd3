/** Usage meters from `x-codex-*` headers and `codex.rate_limits` events (codex.md §4.3, §3.2). */
import type { UsageLimits, UsageWindow } from '../../shared/domain'
import { isRecord } from '../../shared/narrow'

/** Null when the response carries no usage information at all. */
export function usageLimitsFromHeaders(headers: Headers, now: number): Partial<UsageLimits> | null {
  const primary = windowFromHeaders(headers, 'primary', now)
  const secondary = windowFromHeaders(headers, 'secondary', now)
  const planType = headers.get('x-codex-plan-type') ?? undefined
  if (!primary && !secondary && !planType) return null
  return { ...(primary && { primary }), ...(secondary && { secondary }), ...(planType && { planType }), updatedAt: now }
}

function windowFromHeaders(headers: Headers, which: 'primary' | 'secondary', now: number): UsageWindow | undefined {
  const read = (suffix: string) => numberOrUndefined(headers.get(`x-codex-${which}-${suffix}`))
  const usedPercent = read('used-percent')
  if (usedPercent === undefined) return undefined
  const resetAt = read('reset-at')
  const resetAfter = read('reset-after-seconds')
  return windowOf(usedPercent, read('window-minutes'), resetAt, resetAfter, now)
}

/** `{plan_type, rate_limits:{primary:{used_percent, window_minutes, reset_at}, secondary}}`. */
export function usageLimitsFromEvent(event: Record<string, unknown>, now: number): Partial<UsageLimits> | null {
  const limits = isRecord(event.rate_limits) ? event.rate_limits : {}
  const primary = windowFromEvent(limits.primary, now)
  const secondary = windowFromEvent(limits.secondary, now)
  const planType = typeof event.plan_type === 'string' ? event.plan_type : undefined
  if (!primary && !secondary && !planType) return null
  return { ...(primary && { primary }), ...(secondary && { secondary }), ...(planType && { planType }), updatedAt: now }
}

function windowFromEvent(value: unknown, now: number): UsageWindow | undefined {
  if (!isRecord(value)) return undefined
  const usedPercent = numberOrUndefined(value.used_percent)
  if (usedPercent === undefined) return undefined
  return windowOf(
    usedPercent,
    numberOrUndefined(value.window_minutes),
    numberOrUndefined(value.reset_at ?? value.resets_at),
    numberOrUndefined(value.reset_after_seconds ?? value.resets_in_seconds),
    now,
  )
}

function windowOf(
  usedPercent: number,
  windowMinutes: number | undefined,
  resetAtSeconds: number | undefined,
  resetAfterSeconds: number | undefined,
  now: number,
): UsageWindow {
  const resetsAt =
    resetAtSeconds !== undefined
      ? resetAtSeconds * 1000
      : resetAfterSeconds !== undefined
        ? now + resetAfterSeconds * 1000
        : undefined
  return {
    usedPercent,
    ...(windowMinutes !== undefined && { windowMinutes }),
    ...(resetsAt !== undefined && { resetsAt }),
  }
}

function numberOrUndefined(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : undefined
}
