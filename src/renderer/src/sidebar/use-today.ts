import { useEffect, useState } from 'react'
import { startOfDay } from './date-groups'

/** The time now, moved on at each local midnight, so "Today" and "Yesterday" follow the calendar. */
export function useToday(): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = setTimeout(() => setNow(Date.now()), startOfDay(now, 1) - Date.now())
    return () => clearTimeout(timer)
  }, [now])
  return now
}
