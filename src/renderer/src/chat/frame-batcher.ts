/**
 * Coalesces high-frequency items (streaming deltas) so React state changes at most once per animation frame.
 * A timer backs up requestAnimationFrame, which does not fire in hidden windows.
 */
export interface FrameBatcher<T> {
  push(item: T): void
  /** Applies everything queued now, e.g. before an event that must keep its order after the deltas. */
  flush(): void
}

export function createFrameBatcher<T>(apply: (items: T[]) => void, fallbackDelayMs = 50): FrameBatcher<T> {
  let queue: T[] = []
  let frameId: number | null = null
  let timerId: ReturnType<typeof setTimeout> | null = null

  function flush(): void {
    if (frameId !== null) cancelAnimationFrame(frameId)
    if (timerId !== null) clearTimeout(timerId)
    frameId = null
    timerId = null
    if (queue.length === 0) return
    const items = queue
    queue = []
    apply(items)
  }

  return {
    push(item) {
      queue.push(item)
      if (timerId !== null) return
      frameId = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(flush) : null
      timerId = setTimeout(flush, fallbackDelayMs)
    },
    flush,
  }
}
