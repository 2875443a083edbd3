import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { type FakeCodex, startFakeCodex } from '../../src/fake-codex/server'
import { DEFAULT_ORIGINATOR } from '../../src/main/client-identity'
import { type AppServices, createAppServices } from '../../src/main/services'
import type { SequencedChatEvent } from '../../src/shared/domain'
import { signInThroughLoopback } from '../../src/web/demo-sign-in'
import { freeLoopbackPort } from '../../src/web/free-port'
import { createNodePlatform } from '../../src/web/node-platform'
import { median } from '../stats'
import type { BenchRow } from '../types'

const RUNS = 41
const WARM_UP = 3
const ANSWER = 'Hello from the benchmark: a short answer, sent unpaced, as a fast model streams it.'
/** Hop-by-hop and body headers fetch sets itself. */
const NOT_REPLAYED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'accept-encoding'])

/** From chat:send to the first text delta published on the app's event hub (what the renderer's transport sends). */
async function appFirstDelta(services: AppServices, conversationId: string): Promise<number> {
  let stop = () => {}
  let firstDelta = 0
  const start = performance.now()
  const finished = new Promise<void>((resolve, reject) => {
    stop = services.events.on('chat:event', (event: SequencedChatEvent) => {
      if (event.conversationId !== conversationId) return
      if (event.type === 'text-delta' && firstDelta === 0) firstDelta = performance.now() - start
      if (event.type !== 'turn-finished') return
      if (event.message.state === 'done') resolve()
      else reject(new Error(`The answer ended ${event.message.state}.`))
    })
  })
  const sent = await services.api.invoke('chat:send', { conversationId, text: 'Say hello.' })
  if (!sent.ok) throw new Error(sent.error.message)
  await finished.finally(stop)
  if (firstDelta === 0) throw new Error('The answer had no text delta.')
  return firstDelta
}

/** The same request as the app's last one, sent with a bare fetch and read up to its first text delta. */
async function bareFirstDelta(fake: FakeCodex): Promise<number> {
  const recorded = fake.responses.requests.at(-1)
  if (!recorded) throw new Error('The app sent no request to replay.')
  const headers = Object.entries(recorded.headers).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && !NOT_REPLAYED.has(entry[0]),
  )
  const start = performance.now()
  const response = await fetch(`${fake.baseUrl}/responses`, {
    method: 'POST',
    headers,
    body: JSON.stringify(recorded.body),
  })
  if (!response.ok || !response.body) throw new Error(`The bare request failed with ${response.status}.`)
  const decoder = new TextDecoder()
  let text = ''
  let firstDelta = 0
  for await (const chunk of response.body) {
    text += decoder.decode(chunk, { stream: true })
    if (firstDelta === 0 && /^data: .*"type":"response\.output_text\.delta"/m.test(text)) {
      firstDelta = performance.now() - start
    }
  }
  if (firstDelta === 0) throw new Error('The bare answer had no text delta.')
  return firstDelta
}

export async function runFirstDeltaBench(): Promise<BenchRow[]> {
  const root = await mkdtemp(join(tmpdir(), 'codex-desk-first-delta-'))
  const fake = await startFakeCodex()
  const log = () => {}
  const services = await createAppServices(
    createNodePlatform({ dataDir: root, appVersion: '0.0.0-bench', log }),
    {
      baseUrl: fake.baseUrl,
      issuer: fake.issuerUrl,
      oauthPort: await freeLoopbackPort(),
      originator: DEFAULT_ORIGINATOR,
    },
    log,
  )
  try {
    await signInThroughLoopback(services.api)
    fake.responses.enqueue({ kind: 'text', text: ANSWER, times: 2 * (RUNS + WARM_UP) })
    const created = await services.api.invoke('conversations:create')
    if (!created.ok) throw new Error(created.error.message)
    const app: number[] = []
    const bare: number[] = []
    // Alternated, so a change in load falls on both; the first rounds (and the title request) are not counted.
    for (let run = 0; run < WARM_UP + RUNS; run++) {
      const viaApp = await appFirstDelta(services, created.value.id)
      const viaFetch = await bareFirstDelta(fake)
      if (run < WARM_UP) continue
      app.push(viaApp)
      bare.push(viaFetch)
    }
    const added = app.map((time, run) => time - bare[run])
    return [
      {
        name: 'first text delta added by the whole app path over a bare fetch',
        value: median(added),
        unit: 'ms',
        note: `target < 5 ms; median of ${RUNS} pairs: chat:send → the chat:event on the app's event hub (${median(app).toFixed(1)} ms) minus a bare fetch of the same request from the same fake backend to its first delta (${median(bare).toFixed(1)} ms)`,
      },
      {
        name: 'first text delta, whole app path',
        value: median(app),
        unit: 'ms',
        baseline: median(bare),
        ratio: median(bare) / median(app),
        note: 'from chat:send (the user message is written to disk before the request leaves)',
      },
    ]
  } finally {
    await services.dispose()
    await fake.close()
    await rm(root, { recursive: true, force: true })
  }
}
