/**
 * The sidebar's sections: Pinned first, then Today, Yesterday, Previous 7 days, Previous 30 days, then one per month
 * ("October 2026"), by each conversation's last activity in the local calendar. Pure: `now` is passed in, so the
 * sections can be checked against fixed dates.
 */
import type { ConversationSummary } from '../../../shared/domain'

export type SidebarRow =
  | { kind: 'group'; label: string }
  /** `position`: the conversation's place among the conversations alone (headers not counted). */
  | { kind: 'conversation'; conversation: ConversationSummary; position: number }

// The app's words are English; the month names match them whatever the system's locale.
const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' })

/** Local midnight `days` days after the day of `now` (negative: before it); calendar days, so DST is no matter. */
export function startOfDay(now: number, days = 0): number {
  const date = new Date(now)
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days).getTime()
}

/** The section of a conversation last active at `updatedAt`; a time after `now` (another clock) counts as today. */
export function dateGroupLabel(updatedAt: number, now: number): string {
  if (updatedAt >= startOfDay(now)) return 'Today'
  if (updatedAt >= startOfDay(now, -1)) return 'Yesterday'
  if (updatedAt >= startOfDay(now, -7)) return 'Previous 7 days'
  if (updatedAt >= startOfDay(now, -30)) return 'Previous 30 days'
  return monthFormat.format(updatedAt)
}

/** `sorted` (pinned first, then newest first) with a header before each section. */
export function withDateGroups(sorted: readonly ConversationSummary[], now: number): SidebarRow[] {
  const rows: SidebarRow[] = []
  let currentLabel: string | null = null
  sorted.forEach((conversation, position) => {
    const label = conversation.pinned ? 'Pinned' : dateGroupLabel(conversation.updatedAt, now)
    if (label !== currentLabel) rows.push({ kind: 'group', label })
    currentLabel = label
    rows.push({ kind: 'conversation', conversation, position })
  })
  return rows
}
