import { dateGroupLabel, withDateGroups } from '@renderer/sidebar/date-groups'
import { describe, expect, it } from 'vitest'
import { summary } from './support/test-api'

// Local times, so the sections come out the same in every time zone the tests run in.
const NOW = new Date(2026, 10, 28, 9, 30).getTime()
const at = (month: number, day: number, hour = 12) => new Date(2026, month, day, hour).getTime()

describe('date sections of the sidebar', () => {
  it('calls everything since midnight Today, and the day before Yesterday', () => {
    expect(dateGroupLabel(at(10, 28, 0), NOW)).toBe('Today')
    expect(dateGroupLabel(at(10, 27, 23), NOW)).toBe('Yesterday')
    expect(dateGroupLabel(at(10, 27, 0), NOW)).toBe('Yesterday')
  })

  it('puts the rest of the last week in Previous 7 days and the rest of the month in Previous 30 days', () => {
    expect(dateGroupLabel(at(10, 26), NOW)).toBe('Previous 7 days')
    expect(dateGroupLabel(at(10, 21, 0), NOW)).toBe('Previous 7 days')
    expect(dateGroupLabel(at(10, 20, 23), NOW)).toBe('Previous 30 days')
    expect(dateGroupLabel(at(9, 29), NOW)).toBe('Previous 30 days')
  })

  it('names older conversations by their month and year', () => {
    expect(dateGroupLabel(at(9, 28), NOW)).toBe('October 2026')
    expect(dateGroupLabel(new Date(2025, 11, 31).getTime(), NOW)).toBe('December 2025')
  })

  it('counts a time from a clock ahead of this one as today', () => {
    expect(dateGroupLabel(NOW + 60 * 60 * 1000 * 30, NOW)).toBe('Today')
  })

  it('follows calendar days across a daylight-saving change, not 24-hour steps', () => {
    // 2026-03-29 is the EU switch to summer time; in zones without one this is an ordinary day.
    const morning = new Date(2026, 2, 30, 0, 30).getTime()
    expect(dateGroupLabel(new Date(2026, 2, 29, 0, 10).getTime(), morning)).toBe('Yesterday')
  })

  it('puts pinned conversations first under Pinned, then a header before each date section', () => {
    const rows = withDateGroups(
      [
        summary({ id: 'p', pinned: true, updatedAt: at(0, 2) }),
        summary({ id: 'a', updatedAt: at(10, 28, 8) }),
        summary({ id: 'b', updatedAt: at(10, 28, 7) }),
        summary({ id: 'c', updatedAt: at(10, 25) }),
        summary({ id: 'd', updatedAt: at(8, 3) }),
      ],
      NOW,
    )
    expect(
      rows.map((row) => (row.kind === 'group' ? `# ${row.label}` : `${row.position} ${row.conversation.id}`)),
    ).toEqual(['# Pinned', '0 p', '# Today', '1 a', '2 b', '# Previous 7 days', '3 c', '# September 2026', '4 d'])
  })

  it('has no headers when there are no conversations', () => {
    expect(withDateGroups([], NOW)).toEqual([])
  })
})
