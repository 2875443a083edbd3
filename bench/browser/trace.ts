/**
 * Reads a Chromium trace (categories `toplevel` and `blink.user_timing`) for the renderer's main-thread time: the
 * union of its top-level tasks within a window of the page's clock.
 */

/** The trace categories this module reads. */
export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing']

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  args?: { name?: string }
}

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask'])

export interface RendererTasks {
  /** Task intervals of the page's main thread in the page's clock (performance.now() ms), merged and sorted. */
  intervals: Array<[number, number]>
}

/**
 * The main-thread tasks of the renderer that recorded the user-timing mark `mark`, whose time in the page's clock was
 * `markAt` (which maps the trace's clock onto the page's).
 */
export function rendererTasks(trace: Buffer, mark: string, markAt: number): RendererTasks {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
  const marked = events.find((event) => event.name === mark)
  if (!marked) throw new Error(`The trace has no mark "${mark}"`)
  const { pid, tid } = marked
  const offsetMs = marked.ts / 1000 - markAt
  const raw = events
    .filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X' && TASK_NAMES.has(event.name))
    .map((event): [number, number] => [event.ts / 1000 - offsetMs, (event.ts + (event.dur ?? 0)) / 1000 - offsetMs])
    .sort((a, b) => a[0] - b[0])
  const intervals: Array<[number, number]> = []
  for (const [start, end] of raw) {
    const last = intervals.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else intervals.push([start, end])
  }
  return { intervals }
}

/** Main-thread busy ms between `from` and `to` (page clock). */
export function busyMs(tasks: RendererTasks, from: number, to: number): number {
  let busy = 0
  for (const [start, end] of tasks.intervals) {
    if (end <= from) continue
    if (start >= to) break
    busy += Math.min(end, to) - Math.max(start, from)
  }
  return busy
}
