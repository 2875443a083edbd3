/**
 * The sidebar's sections: Pinned first, then Today, Yesterday, Previous 7 days, Previous 30 days, then one per month
 * ("October 2026"), by each conversation's last activity in the local calendar. Pure: `now` is passed in, so the
 * sections can be checked against fixed dates.
 */
import type { SidebarEntry } from '../../../shared/domain'

export type SidebarRow =
  | { kind: 'group'; label: string }
  /** `position`: the conversation's place among the conversations alone (headers not counted). */
  | { kind: 'conversation'; conversation: SidebarEntry; position: number }

// The app's words are English; the month names match them whatever the system's locale.
const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' })

/** Local midnight `days` days after the day of `now` (negative: before it); calendar days, so DST is no matter. */
export function startOfDay(now: number, days = 0): number {
  const date = new Date(now)
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days).getTime()
}

/**
 * Labels conversations by their last activity relative to `now`. The day boundaries are worked out once and each
 * month's name formatted once: per conversation, Intl formatting and five Dates made 10,000 entries a long task.
 */
function dateGrouper(now: number): (updatedAt: number) => string {
  const bounds: Array<[number, string]> = [
    [startOfDay(now), 'Today'],
    [startOfDay(now, -1), 'Yesterday'],
    [startOfDay(now, -7), 'Previous 7 days'],
    [startOfDay(now, -30), 'Previous 30 days'],
  ]
  const months = new Map<number, string>()
  return (updatedAt) => {
    for (const [from, label] of bounds) if (updatedAt >= from) return label
    const date = new Date(updatedAt)
    const month = date.getFullYear() * 12 + date.getMonth()
    let label = months.get(month)
    if (label === undefined) {
      label = monthFormat.format(date)
      months.set(month, label)
    }
    return label
  }
}

/** The section of a conversation last active at `updatedAt`; a time after `now` (another clock) counts as today. */
export function dateGroupLabel(updatedAt: number, now: number): string {
  return dateGrouper(now)(updatedAt)
}

/** `sorted` (pinned first, then newest first) with a header before each section. */
export function withDateGroups(sorted: readonly SidebarEntry[], now: number): SidebarRow[] {
  const labelOf = dateGrouper(now)
  const rows: SidebarRow[] = []
  let currentLabel: string | null = null
  sorted.forEach((conversation, position) => {
    const label = conversation.pinned ? 'Pinned' : labelOf(conversation.updatedAt)
    if (label !== currentLabel) rows.push({ kind: 'group', label })
    currentLabel = label
    rows.push({ kind: 'conversation', conversation, position })
  })
  return rows
}
