/**
 * Reads a Chromium trace (categories `toplevel` and `blink.user_timing`) for the renderer's main-thread work: its
 * top-level tasks with the CPU time each took (`tdur`), which on a loaded machine is less than their wall time.
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
  tdur?: number
}

/** A main-thread task: start and end in the page's clock (performance.now() ms), and its CPU ms. */
export interface MainThreadTask {
  start: number
  end: number
  cpu: number
}

/** The outermost task event; older Chromium names it RunTask. */
const TASK_NAMES = ['ThreadControllerImpl::RunTask', 'RunTask']

/**
 * The main-thread tasks of the renderer that recorded the user-timing mark `mark`, whose time in the page's clock was
 * `markAt` (which maps the trace's clock onto the page's), sorted by start.
 */
export function mainThreadTasks(trace: Buffer, mark: string, markAt: number): MainThreadTask[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
  const marked = events.find((event) => event.name === mark)
  if (!marked) throw new Error(`The trace has no mark "${mark}"`)
  const { pid, tid } = marked
  const offsetMs = marked.ts / 1000 - markAt
  const onThread = events.filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X')
  const name = TASK_NAMES.find((candidate) => onThread.some((event) => event.name === candidate))
  return onThread
    .filter((event) => event.name === name)
    .map((event) => ({
      start: event.ts / 1000 - offsetMs,
      end: (event.ts + (event.dur ?? 0)) / 1000 - offsetMs,
      cpu: (event.tdur ?? event.dur ?? 0) / 1000,
    }))
    .sort((a, b) => a.start - b.start)
}

/** CPU ms of the tasks that started between `from` and `to` (page clock). */
export function cpuMs(tasks: readonly MainThreadTask[], from: number, to: number): number {
  let cpu = 0
  for (const task of tasks) {
    if (task.start >= to) break
    if (task.start >= from) cpu += task.cpu
  }
  return cpu
}
