import { useEffect, useState } from 'react'

function secondsUntil(epochMs: number): number {
  return Math.max(0, Math.ceil((epochMs - Date.now()) / 1000))
}

/** Whole seconds left until a moment, updated as time passes. */
export function useSecondsUntil(epochMs: number): number {
  const [seconds, setSeconds] = useState(() => secondsUntil(epochMs))
  useEffect(() => {
    setSeconds(secondsUntil(epochMs))
    const timer = setInterval(() => setSeconds(secondsUntil(epochMs)), 250)
    return () => clearInterval(timer)
  }, [epochMs])
  return seconds
}
