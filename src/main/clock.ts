/** Time, injectable so tests and benchmarks move it instead of waiting. */
export interface Clock {
  now(): number
  /** Runs `task` once after `delayMs`; returns a cancel function. */
  schedule(delayMs: number, task: () => void): () => void
}

export const systemClock: Clock = {
  now: Date.now,
  schedule(delayMs, task) {
    const timer = setTimeout(task, delayMs)
    // A pending refresh or checkpoint must not keep a quitting process alive.
    timer.unref?.()
    return () => clearTimeout(timer)
  },
}
