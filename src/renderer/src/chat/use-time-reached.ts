import { useEffect, useState } from 'react'

/** True once the clock passes `at` (epoch ms), re-rendering at that moment; true at once when `at` is absent. */
export function useTimeReached(at: number | undefined): boolean {
  const [reached, setReached] = useState(() => at === undefined || Date.now() >= at)
  useEffect(() => {
    if (at === undefined || Date.now() >= at) {
      setReached(true)
      return
    }
    setReached(false)
    // setTimeout takes at most ~24.8 days; a later reset is re-checked then.
    const timer = setTimeout(() => setReached(Date.now() >= at), Math.min(at - Date.now(), 2 ** 31 - 1))
    return () => clearTimeout(timer)
  }, [at])
  return reached
}
