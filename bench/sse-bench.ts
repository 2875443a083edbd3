import { performance } from 'node:perf_hooks'
import { abortableSleep } from '../src/main/codex/retry'
import { decodeResponseStream } from '../src/main/codex/sse-decoder'
import type { BenchRow } from './types'

const DELTAS = 20_000
const CHUNK_BYTES = 1024

/** A long answer as the backend frames it: one `output_text.delta` event per token, then `response.completed`. */
function longStream(): string {
  const events: string[] = []
  for (let i = 0; i < DELTAS; i++) {
    const data = JSON.stringify({
      type: 'response.output_text.delta',
      sequence_number: i,
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta: ` word${i}`,
      logprobs: [],
      obfuscation: 'abcdef',
    })
    events.push(`event: response.output_text.delta\ndata: ${data}\n\n`)
  }
  const completed = {
    type: 'response.completed',
    response: { id: 'resp_1', usage: { input_tokens: 1, output_tokens: DELTAS, total_tokens: DELTAS + 1 } },
  }
  events.push(`event: response.completed\ndata: ${JSON.stringify(completed)}\n\n`)
  return events.join('')
}

function chunked(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(offset, offset + CHUNK_BYTES))
      offset += CHUNK_BYTES
    },
  })
}

async function decodeWithClient(bytes: Uint8Array): Promise<number> {
  let deltas = 0
  await decodeResponseStream(chunked(bytes), {
    idleTimeoutMs: 60_000,
    onEvent: () => deltas++,
    onUsageLimits: () => {},
    now: Date.now,
    sleep: abortableSleep,
    log: () => {},
  })
  return deltas
}

/** The floor: split the whole text at once and JSON.parse every data line, with no streaming at all. */
function parseAllAtOnce(text: string): number {
  let deltas = 0
  for (const line of text.split('\n')) {
    if (line.startsWith('data: ') && JSON.parse(line.slice(6)).type === 'response.output_text.delta') deltas++
  }
  return deltas
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

export async function runSseBench(): Promise<BenchRow[]> {
  const text = longStream()
  const bytes = new TextEncoder().encode(text)
  const clientRuns: number[] = []
  const floorRuns: number[] = []
  for (let run = 0; run < 7; run++) {
    let start = performance.now()
    if ((await decodeWithClient(bytes)) !== DELTAS) throw new Error('decoder lost events')
    clientRuns.push(performance.now() - start)
    start = performance.now()
    if (parseAllAtOnce(text) !== DELTAS) throw new Error('floor lost events')
    floorRuns.push(performance.now() - start)
  }
  const client = median(clientRuns)
  const floor = median(floorRuns)
  return [
    {
      name: `decode ${DELTAS.toLocaleString('en')} text deltas (${(bytes.length / 2 ** 20).toFixed(1)} MiB in 1 KiB chunks)`,
      value: client,
      unit: 'ms',
      baseline: floor,
      ratio: floor / client,
      note: 'baseline: JSON.parse of every line of the whole body at once (no streaming) — the floor; ratio < 1 is the cost of streaming',
    },
    {
      name: 'decoder throughput',
      value: DELTAS / (client / 1000),
      unit: 'events/s',
      note: 'a fast model streams ~100–200 events/s',
    },
  ]
}
