import type { Clock } from '../../src/main/clock'

/** A clock that moves only when told: scheduled tasks run once their time has passed, never on their own. */
export function steppedClock(start = 0) {
  let now = start
  let due: Array<{ at: number; run: () => void }> = []
  const clock: Clock = {
    now: () => now,
    schedule(delayMs, run) {
      const task = { at: now + delayMs, run }
      due.push(task)
      return () => {
        due = due.filter((candidate) => candidate !== task)
      }
    },
  }
  return {
    clock,
    advance(ms: number) {
      now += ms
      const ready = due.filter((task) => task.at <= now)
      due = due.filter((task) => task.at > now)
      for (const task of ready) task.run()
    },
  }
}
