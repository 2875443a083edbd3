/** Display formatting shared by the chat pane and settings. */

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })
const numberFormat = new Intl.NumberFormat()

const DAY_MS = 24 * 60 * 60 * 1000

/** A reset time: the clock time today, with the weekday when it is further away. */
export function formatResetTime(epochMs: number, now = Date.now()): string {
  return epochMs - now < DAY_MS ? timeFormat.format(epochMs) : dayTimeFormat.format(epochMs)
}

export function formatCount(value: number): string {
  return numberFormat.format(value)
}
