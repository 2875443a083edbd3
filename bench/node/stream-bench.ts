import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import OpenAI from 'openai'
import { clientIdentity } from '../../src/main/client-identity'
import { createCodexClient } from '../../src/main/codex/client'
import type { ResponsesRequest } from '../../src/main/codex/types'
import { median } from '../stats'
import type { BenchRow } from '../types'

const TARGET_BYTES = 50 * 2 ** 20
const RUNS = 5
const RESPONSES_PATH = '/backend-api/codex/responses'

/** A long answer as the backend frames it: created, the message item, one text delta per token, completed. */
function longAnswer(): { body: Buffer; deltas: number; chars: number } {
  const events: string[] = []
  let bytes = 0
  let chars = 0
  const push = (type: string, payload: Record<string, unknown>) => {
    const event = `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`
    events.push(event)
    bytes += event.length
  }
  push('response.created', { sequence_number: 0, response: { id: 'resp_bench', status: 'in_progress' } })
  const item = { id: 'msg_bench', type: 'message', role: 'assistant', status: 'in_progress', content: [] }
  push('response.output_item.added', { sequence_number: 1, output_index: 0, item })
  let deltas = 0
  while (bytes < TARGET_BYTES) {
    const delta = ` word${deltas}`
    chars += delta.length
    push('response.output_text.delta', {
      sequence_number: deltas + 2,
      item_id: 'msg_bench',
      output_index: 0,
      content_index: 0,
      delta,
      logprobs: [],
      obfuscation: 'abcdef',
    })
    deltas++
  }
  push('response.completed', {
    sequence_number: deltas + 2,
    response: { id: 'resp_bench', status: 'completed', usage: { input_tokens: 1, output_tokens: deltas } },
  })
  return { body: Buffer.from(events.join('')), deltas, chars }
}

/** A loopback server that answers every POST to the Responses path with the same bytes. */
async function serve(body: Buffer): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== RESPONSES_PATH) {
        res.writeHead(404).end()
        return
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

interface Received {
  deltas: number
  chars: number
}

/** The app's path: the codex client's fetch, SSE decoding and mapping to stream events, counting text deltas. */
async function throughCodexClient(origin: string): Promise<Received> {
  const client = createCodexClient({
    baseUrl: `${origin}/backend-api/codex`,
    tokens: {
      getCredentials: async () => ({ accessToken: 'bench', accountId: 'bench' }),
      refreshAfterUnauthorized: async (rejected) => rejected,
    },
    identity: clientIdentity('codex_desk', '0.0.0-bench'),
    settings: () => ({
      maxRetries: 0,
      retryBaseDelayMs: 1_000,
      streamIdleTimeoutMs: 300_000,
      modelsClientVersion: '1.0.0',
    }),
  })
  const request: ResponsesRequest = {
    model: 'gpt-5.4',
    instructions: 'bench',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
    tools: [],
    parallelToolCalls: false,
    reasoning: null,
    conversationId: 'bench',
  }
  const received: Received = { deltas: 0, chars: 0 }
  await client.stream(request, {
    signal: new AbortController().signal,
    onEvent(event) {
      if (event.type !== 'text-delta') return
      received.deltas++
      received.chars += event.delta.length
    },
  })
  return received
}

/** The peer: the official SDK's streaming Responses call against the same server. */
async function throughSdk(origin: string): Promise<Received> {
  const client = new OpenAI({ apiKey: 'bench', baseURL: `${origin}/backend-api/codex`, maxRetries: 0 })
  const stream = await client.responses.create({ model: 'gpt-5.4', input: 'hi', stream: true })
  const received: Received = { deltas: 0, chars: 0 }
  for await (const event of stream) {
    if (event.type !== 'response.output_text.delta') continue
    received.deltas++
    received.chars += event.delta.length
  }
  return received
}

/** The floor: fetch the same bytes, cut them into lines as they come and JSON.parse each `data:` line; nothing else. */
async function parseOnly(origin: string): Promise<Received> {
  const response = await fetch(`${origin}${RESPONSES_PATH}`, { method: 'POST', body: '{}' })
  if (!response.body) throw new Error('no body')
  const decoder = new TextDecoder()
  const received: Received = { deltas: 0, chars: 0 }
  let rest = ''
  const take = (text: string, from: number, to: number) => {
    if (!text.startsWith('data: ', from)) return
    const payload = JSON.parse(text.slice(from + 6, to)) as { type: string; delta?: string }
    if (payload.type !== 'response.output_text.delta') return
    received.deltas++
    received.chars += payload.delta?.length ?? 0
  }
  for await (const chunk of response.body) {
    const text = rest + decoder.decode(chunk, { stream: true })
    let start = 0
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      take(text, start, end)
      start = end + 1
    }
    rest = text.slice(start)
  }
  const last = rest + decoder.decode()
  take(last, 0, last.length)
  return received
}

async function timed(run: () => Promise<Received>, expected: Received, name: string): Promise<number> {
  const start = performance.now()
  const received = await run()
  const elapsed = performance.now() - start
  if (received.deltas !== expected.deltas || received.chars !== expected.chars) {
    throw new Error(`${name} received ${received.deltas} deltas / ${received.chars} characters`)
  }
  return elapsed
}

export async function runStreamBench(): Promise<BenchRow[]> {
  const answer = longAnswer()
  const { server, origin } = await serve(answer.body)
  try {
    const codex: number[] = []
    const sdk: number[] = []
    const floor: number[] = []
    // One unmeasured round warms the JIT of all three; then they alternate, so a change in load falls on each.
    for (let run = 0; run <= RUNS; run++) {
      const times = [
        await timed(() => throughCodexClient(origin), answer, 'the codex client'),
        await timed(() => throughSdk(origin), answer, 'the SDK'),
        await timed(() => parseOnly(origin), answer, 'the floor'),
      ]
      if (run === 0) continue
      codex.push(times[0])
      sdk.push(times[1])
      floor.push(times[2])
    }
    const value = median(codex)
    const mib = answer.body.length / 2 ** 20
    const size = `${mib.toFixed(0)} MiB, ${answer.deltas.toLocaleString('en')} text deltas`
    return [
      {
        name: `Responses stream through the codex client vs the \`openai\` SDK (${size}, loopback HTTP)`,
        value,
        unit: 'ms',
        baseline: median(sdk),
        ratio: median(sdk) / value,
        note: `target ≥ 4×; baseline: openai 6.30.1 \`responses.create({ stream: true })\`; the client ran at ${(mib / (value / 1000)).toFixed(0)} MiB/s`,
      },
      {
        name: 'the same stream through the codex client vs the parse-only floor',
        value,
        unit: 'ms',
        baseline: median(floor),
        ratio: median(floor) / value,
        note: 'target ≥ 0.8×; baseline: fetch the same bytes, cut them into lines, JSON.parse each data line; `npm run web` and the Electron main run this same bundled client (no tsx)',
      },
    ]
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}
