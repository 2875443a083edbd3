import type { ServerResponse } from 'node:http'

/** `event:` + `data:` lines (what Codex's fixtures and OpenAI send) or data-only lines ending in `data: [DONE]`. */
export type SseFraming = 'event-lines' | 'data-only'

export interface SseWriter {
  /** Sends one event; `sequence_number` is added after `type`, as in the real captures. */
  send(payload: { type: string } & Record<string, unknown>): void
  /** Writes text as is (malformed events, fixtures). */
  raw(text: string): void
  /** True once the client went away or the fake closed the stream. */
  readonly closed: boolean
  end(): void
}

export function createSseWriter(res: ServerResponse, framing: SseFraming): SseWriter {
  let sequence = 0
  let ended = false
  const isClosed = () => ended || res.destroyed || res.writableEnded
  return {
    send(payload) {
      if (isClosed()) return
      const { type, ...rest } = payload
      const data = JSON.stringify({ type, sequence_number: sequence++, ...rest })
      res.write(framing === 'event-lines' ? `event: ${type}\ndata: ${data}\n\n` : `data: ${data}\n\n`)
    },
    raw(text) {
      if (!isClosed()) res.write(text)
    },
    get closed() {
      return isClosed()
    },
    end() {
      if (isClosed()) return
      if (framing === 'data-only') res.write('data: [DONE]\n\n')
      ended = true
      res.end()
    },
  }
}
