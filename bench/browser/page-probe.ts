/**
 * What the browser benchmarks run inside the page. Each function is serialised by Playwright and runs in the page,
 * so it uses nothing from this module's scope but types. `installProbe` runs before the app's scripts (an init script) and
 * watches the app's WebSocket without touching the app: when each request left, when its answer arrived and how big
 * it was, and the text deltas as they arrive.
 */

/** A request the page sent over the app's socket, and when its answer came back (performance.now() ms). */
export interface ProbedRequest {
  channel: string
  sentAt: number
  answeredAt: number | null
  answerChars: number
}

export interface FrameRecord {
  /** The start of each animation frame (rAF timestamps, performance.now() ms). */
  frameStarts: number[]
  /** Durations of long animation frames (≥ 50 ms, Long Animation Frames API). */
  longFrames: number[]
  /** Each text delta that reached the page: [performance.now() on arrival, word-sized deltas merged into it]. */
  deltas: Array<[number, number]>
  /** performance.now() of the user-timing mark made when recording started (it maps a trace onto this clock). */
  markAt: number
}

interface Probe {
  requests: ProbedRequest[]
  frames: FrameRecord | null
  /** Resolves with performance.now() once the frame after the current DOM state has been painted. */
  afterPaint(): Promise<number>
  /** Resolves after the paint that first shows what `ready` checks for. */
  paintedWhen(ready: () => boolean): Promise<number>
}

type ProbedWindow = Window & { __benchProbe: Probe }

/**
 * Runs before `installProbe`: tsx compiles this file with esbuild's keep-names, whose `__name()` calls end up inside
 * the serialised functions, where the page has no such helper.
 */
export const KEEP_NAMES_SHIM = 'globalThis.__name = (target) => target'

export function installProbe(): void {
  const target = window as unknown as ProbedWindow

  function afterPaint(): Promise<number> {
    // A message posted from a frame callback is delivered once that frame has been painted.
    return new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => resolve(performance.now())
        channel.port2.postMessage(null)
      }),
    )
  }

  function paintedWhen(ready: () => boolean): Promise<number> {
    if (ready()) return afterPaint()
    return new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!ready()) return
        observer.disconnect()
        void afterPaint().then(resolve)
      })
      observer.observe(document, { childList: true, subtree: true, characterData: true })
    })
  }

  const requests: ProbedRequest[] = []
  const byId = new Map<number, ProbedRequest>()
  const probe: Probe = { requests, frames: null, afterPaint, paintedWhen }
  target.__benchProbe = probe

  const RESULT = /^\{"type":"result","id":(\d+),/
  const CHAT_EVENT = '{"type":"event","event":"chat:event",'
  function received(data: unknown): void {
    if (typeof data !== 'string') return
    const result = RESULT.exec(data.slice(0, 40))
    if (result) {
      const request = byId.get(Number(result[1]))
      if (request) {
        request.answeredAt = performance.now()
        request.answerChars = data.length
      }
      return
    }
    const frames = probe.frames
    // Only small events are parsed here: parsing a conversation twice would add to what is measured.
    if (!frames || !data.startsWith(CHAT_EVENT) || data.length > 100_000) return
    const payload = (JSON.parse(data) as { payload: { type: string; delta?: string } }).payload
    if (payload.type === 'text-delta' && payload.delta)
      frames.deltas.push([performance.now(), payload.delta.match(/\S+/g)?.length ?? 0])
  }

  const Native = window.WebSocket
  class ProbedSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.addEventListener('message', (event) => received(event.data))
    }
    override send(data: Parameters<WebSocket['send']>[0]): void {
      if (typeof data === 'string') {
        const frame = JSON.parse(data) as { id?: unknown; channel?: unknown }
        if (typeof frame.id === 'number' && typeof frame.channel === 'string') {
          const request = { channel: frame.channel, sentAt: performance.now(), answeredAt: null, answerChars: 0 }
          requests.push(request)
          byId.set(frame.id, request)
        }
      }
      super.send(data)
    }
  }
  window.WebSocket = ProbedSocket

  void paintedWhen(() => document.querySelector('[data-testid="conversation-item"]') !== null).then((at) => {
    // Exposed by the benchmark (app-session.ts SIDEBAR_PAINTED_BINDING): told rather than polled.
    ;(window as unknown as { __benchSidebarPainted?: (at: number) => void }).__benchSidebarPainted?.(at)
  })
}

/** Starts recording frames and deltas (see FrameRecord) until `stopFrames`, marking the start as `mark`. */
export function startFrames(mark: string): void {
  const probe = (window as unknown as ProbedWindow).__benchProbe
  const frames: FrameRecord = { frameStarts: [], longFrames: [], deltas: [], markAt: performance.mark(mark).startTime }
  probe.frames = frames
  const tick = (at: number) => {
    if (probe.frames !== frames) return
    frames.frameStarts.push(at)
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    const observer = new PerformanceObserver((list) => {
      if (probe.frames !== frames) return observer.disconnect()
      for (const entry of list.getEntries()) frames.longFrames.push(entry.duration)
    })
    observer.observe({ type: 'long-animation-frame' })
  }
}

export function stopFrames(): FrameRecord | null {
  const probe = (window as unknown as ProbedWindow).__benchProbe
  const frames = probe.frames
  probe.frames = null
  return frames
}

export function probedRequests(): ProbedRequest[] {
  return (window as unknown as ProbedWindow).__benchProbe.requests
}

/**
 * ms from the page's first `conversations:list` request (the first screenful) to the answer of its second (the
 * whole list), or null until that answer has arrived.
 */
export function wholeListAfterFirst(): number | null {
  const lists = (window as unknown as ProbedWindow).__benchProbe.requests.filter(
    (request) => request.channel === 'conversations:list',
  )
  const whole = lists[1]?.answeredAt
  return whole == null ? null : whole - lists[0].sentAt
}

/**
 * Clicks the sidebar entry titled `title` and resolves with the ms until the messages containing `marker` (the
 * newest) are painted.
 */
export async function openToPainted({ title, marker }: { title: string; marker: string }): Promise<number> {
  const probe = (window as unknown as ProbedWindow).__benchProbe
  const link = [...document.querySelectorAll<HTMLElement>('[data-testid="conversation-item"] .conversation-open')].find(
    (element) => element.textContent === title,
  )
  if (!link) throw new Error(`No sidebar entry "${title}"`)
  const start = performance.now()
  link.click()
  const painted = await probe.paintedWhen(() =>
    [...document.querySelectorAll('[data-testid="message"]')].some((element) => element.textContent?.includes(marker)),
  )
  return painted - start
}

/** Types `query` into the sidebar search at once and resolves with the ms until `hits` results are painted. */
export async function searchToPainted({ query, hits }: { query: string; hits: number }): Promise<number> {
  const probe = (window as unknown as ProbedWindow).__benchProbe
  const box = document.querySelector<HTMLInputElement>('input[aria-label="Search conversations"]')
  if (!box) throw new Error('No search box')
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
  const start = performance.now()
  setValue?.call(box, query)
  box.dispatchEvent(new Event('input', { bubbles: true }))
  const painted = await probe.paintedWhen(
    () => document.querySelectorAll('[aria-label="Search results"] > li').length >= hits,
  )
  return painted - start
}

/** Empties the search box and resolves once the conversation list is back on screen. */
export async function clearSearch(): Promise<void> {
  const probe = (window as unknown as ProbedWindow).__benchProbe
  const box = document.querySelector<HTMLInputElement>('input[aria-label="Search conversations"]')
  if (!box) throw new Error('No search box')
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(box, '')
  box.dispatchEvent(new Event('input', { bubbles: true }))
  await probe.paintedWhen(() => document.querySelector('[data-testid="conversation-item"]') !== null)
}

/**
 * The floor for opening: the same number of bytes over a bare WebSocket from `url`, from asking to having them
 * (performance.now() ms), on a connection opened beforehand.
 */
export async function bareSocketTransfer(url: string): Promise<number> {
  const socket = new WebSocket(url)
  await new Promise((resolve, reject) => {
    socket.onopen = resolve
    socket.onerror = reject
  })
  const start = performance.now()
  const arrived = await new Promise<number>((resolve) => {
    socket.onmessage = (event) => {
      if (typeof event.data === 'string' && event.data.length > 0) resolve(performance.now())
    }
    socket.send('send')
  })
  socket.close()
  return arrived - start
}
