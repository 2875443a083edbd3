import { AppErrorException, appError } from '../../src/shared/errors'

/**
 * Time the test owns: `sleep` resolves only when `advance` passes its moment (or rejects when its signal aborts),
 * so idle deadlines and waits between attempts happen exactly when the test says, never by the wall clock.
 */
export interface FakeClock {
  now(): number
  sleep(ms: number, signal: AbortSignal): Promise<void>
  advance(ms: number): void
  /** Milliseconds until each pending sleep ends. */
  pending(): number[]
}

export function fakeClock(start = 1_900_000_000_000): FakeClock {
  let time = start
  const timers = new Set<{ at: number; wake(): void }>()
  return {
    now: () => time,
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(new AppErrorException(appError('cancelled', 'Cancelled.')))
        const timer = { at: time + ms, wake: resolve }
        timers.add(timer)
        signal.addEventListener(
          'abort',
          () => {
            timers.delete(timer)
            reject(new AppErrorException(appError('cancelled', 'Cancelled.')))
          },
          { once: true },
        )
      })
    },
    advance(ms) {
      time += ms
      for (const timer of [...timers]) {
        if (timer.at > time) continue
        timers.delete(timer)
        timer.wake()
      }
    },
    pending: () => [...timers].map((timer) => timer.at - time),
  }
}
