/** Runs tasks one at a time per key (one conversation file), in the order they were queued. */
export interface KeyedQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>
  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void>
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>()
  return {
    run(key, task) {
      // Tails never reject, so a failed task does not stop the ones queued after it.
      const previous = tails.get(key) ?? Promise.resolve()
      const result = previous.then(task)
      const tail = result.catch(() => undefined)
      tails.set(key, tail)
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key)
      })
      return result
    },
    async idle() {
      while (tails.size > 0) await Promise.all(tails.values())
    },
  }
}
