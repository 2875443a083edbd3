/**
 * The web harness (the bundle `npm run web` runs) killed with SIGKILL at seeded random moments while answers
 * stream, restarted on the same data folder, again and again. After every restart: every conversation loads, no
 * message whose chat:send was answered is missing, an answer lost at most what came in during the last second
 * before the kill, and every file stays within about twice its text.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FakeCodex, startFakeCodex } from '../../src/fake-codex/server'
import type { ChatEvent, ChatMessage } from '../../src/shared/domain'
import type { Result } from '../../src/shared/errors'
import { signInThroughLoopback } from '../../src/web/demo-sign-in'
import { freeLoopbackPort } from '../../src/web/free-port'
import { type HarnessProcess, startHarnessProcess } from '../e2e/support/harness-process'
import { connectHarness, type HarnessClient } from './support/harness-client'
import { seededRandom } from './support/seeded-random'

const LONG = process.env.RELIABILITY_LONG === '1'
const KILLS = LONG ? 100 : 30
const SEED = Number(process.env.RELIABILITY_SEED ?? 13_2026)
/** How fast the fake streams, and how long each answer is: about two seconds of stream. */
const TOKENS_PER_SECOND = 100
const ANSWER_WORDS = 200
/** Most kills land anywhere from the send to a little after a whole answer would have streamed; every fifth
 * comes just after an answer finished. */
const LATEST_KILL_MS = 2_400
/**
 * What a kill may lose of an answer: what came in during the last second before it (the answer writer checkpoints
 * a streaming answer once a second, README "Your data"), plus the time that checkpoint's own write takes to reach
 * the file (a whole snapshot appended, not synced: a killed process leaves what it wrote in the page cache).
 */
const ONE_SECOND_MS = 1_000
const WRITE_ALLOWANCE_MS = 250
const MAY_LOSE_MS = ONE_SECOND_MS + WRITE_ALLOWANCE_MS
/**
 * "Its text", for the size bound: the messages' text plus, per message, the JSON of its record (ids, times, model,
 * usage: about 200 bytes for a question, 400 for an answer), plus the title's record.
 */
const RECORD_BYTES = 450
const TITLE_BYTES = 512

function answerFor(userText: string): string {
  // Long words: an answer's text outweighs its record's JSON, so a file keeping every checkpoint is over the bound.
  const words = Array.from({ length: ANSWER_WORDS }, (_, index) => `word-${index}-of-the-answer`)
  return `Answer to ${userText}: ${words.join(' ')}`
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`)
  return result.value
}

function textOf(message: ChatMessage | undefined): string {
  return (message?.parts ?? []).map((part) => (part.kind === 'text' ? part.text : '')).join('')
}

/** What the test knows the disk must hold, from what the client was told before each kill. */
interface Expectation {
  conversationId: string
  userText: string
  /** The answer's text must start with this (empty: nothing required). */
  answerAtLeast: string
  /** The client saw the turn finish: the whole answer is on disk, done. */
  finished: boolean
}

let fake: FakeCodex
let root: string
let env: Record<string, string>

beforeAll(async () => {
  fake = await startFakeCodex()
  fake.responses.setDefaultScenario((userText) => ({
    kind: 'text',
    text: answerFor(userText),
    tokensPerSecond: TOKENS_PER_SECOND,
  }))
  root = await mkdtemp(join(tmpdir(), 'codex-desk-crash-loop-'))
  env = {
    CODEX_BASE_URL: fake.baseUrl,
    CODEX_AUTH_ISSUER: fake.issuerUrl,
    CODEX_OAUTH_PORT: String(await freeLoopbackPort()),
  }
})

afterAll(async () => {
  await fake?.close()
  await rm(root, { recursive: true, force: true })
})

/** Mid-stream, from the send on; or just after the answer finished, while its title and compaction run. */
type KillMoment = { afterSendMs: number } | { afterFinishMs: number }

/** One send, streamed until the kill: what the client was told, and when. */
async function sendUntilKilled(
  client: HarnessClient,
  harness: HarnessProcess,
  conversationId: string,
  userText: string,
  killAt: KillMoment,
): Promise<Expectation> {
  const received: Array<{ at: number; text: string }> = []
  let answerId: string | undefined
  let text = ''
  let finished = false
  let onFinished = () => {}
  const stopListening = client.api.on('chat:event', (event: ChatEvent) => {
    if (event.conversationId !== conversationId) return
    if (event.type === 'turn-started') answerId = event.assistantMessage.id
    if (event.type === 'text-delta' && event.messageId === answerId) {
      text += event.delta
      received.push({ at: performance.now(), text })
    }
    if (event.type === 'turn-finished' && event.message.id === answerId) {
      finished = true
      onFinished()
    }
  })
  let acknowledged = false
  const sent = performance.now()
  const send = client.api.invoke('chat:send', { conversationId, text: userText }).then((result) => {
    acknowledged = result.ok
  })
  if ('afterFinishMs' in killAt && !finished) await new Promise<void>((resolve) => (onFinished = resolve))
  const killAfterMs = 'afterFinishMs' in killAt ? killAt.afterFinishMs : killAt.afterSendMs - (performance.now() - sent)
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, killAfterMs)))
  const killedAt = performance.now()
  await harness.kill()
  await send
  stopListening()
  const savedBy = killedAt - MAY_LOSE_MS
  return {
    conversationId,
    userText: acknowledged ? userText : '',
    answerAtLeast: acknowledged ? (received.filter((entry) => entry.at <= savedBy).at(-1)?.text ?? '') : '',
    finished,
  }
}

describe('the web harness killed mid-stream', () => {
  it(`loses no acknowledged message and at most a second of an answer over ${KILLS} SIGKILLs (seed ${SEED})`, async () => {
    const random = seededRandom(SEED)
    const dataDir = join(root, 'data')
    const conversations = new Map<string, Expectation[]>()
    let harness = await startHarnessProcess(dataDir, env)
    let client = await connectHarness(harness.launchUrl)
    await signInThroughLoopback(client.api)

    for (let kill = 1; kill <= KILLS; kill++) {
      const known = [...conversations.keys()]
      const conversationId =
        known.length === 0 || random() < 0.5
          ? unwrap(await client.api.invoke('conversations:create')).id
          : known[Math.floor(random() * known.length)]
      const userText = `message ${kill} (${Math.floor(random() * 1e9).toString(36)})`
      const killAt = kill % 5 === 0 ? { afterFinishMs: random() * 300 } : { afterSendMs: random() * LATEST_KILL_MS }
      const expectation = await sendUntilKilled(client, harness, conversationId, userText, killAt)
      conversations.set(conversationId, [...(conversations.get(conversationId) ?? []), expectation])
      client.close()

      harness = await startHarnessProcess(dataDir, env)
      client = await connectHarness(harness.launchUrl)
      const context = `after kill ${kill} of ${KILLS} (seed ${SEED})`
      const listed = new Set(unwrap(await client.api.invoke('conversations:list')).entries.map((summary) => summary.id))
      for (const [id, sends] of conversations) {
        if (sends.every((entry) => entry.userText === '') && !listed.has(id)) continue
        expect(listed.has(id), `${context}: conversation ${id} is listed`).toBe(true)
        const conversation = unwrap(await client.api.invoke('conversations:get', { id }))
        for (const entry of sends) {
          if (entry.userText === '') continue
          const index = conversation.messages.findIndex(
            (message) => message.role === 'user' && textOf(message) === entry.userText,
          )
          expect(index, `${context}: "${entry.userText}" is in ${id}`).toBeGreaterThanOrEqual(0)
          // A kill before the answer's first checkpoint leaves the question without one: the next send follows it.
          const next = conversation.messages[index + 1]
          const answer = next?.role === 'assistant' ? next : undefined
          const answerText = textOf(answer)
          expect(
            answerFor(entry.userText).startsWith(answerText),
            `${context}: "${answerText.slice(0, 80)}" is the answer streamed`,
          ).toBe(true)
          expect(
            answerText.length,
            `${context}: the answer to "${entry.userText}" kept what came before the last second`,
          ).toBeGreaterThanOrEqual(entry.answerAtLeast.length)
          if (entry.finished) {
            expect(answer?.state, `${context}: a finished answer is done`).toBe('done')
            expect(answerText).toBe(answerFor(entry.userText))
          }
        }
        const textBytes = conversation.messages.reduce((sum, message) => sum + Buffer.byteLength(textOf(message)), 0)
        const { size } = await stat(join(dataDir, 'conversations', `${id}.jsonl`))
        expect(size, `${context}: ${id} stays within about twice its text`).toBeLessThanOrEqual(
          2 * (textBytes + conversation.messages.length * RECORD_BYTES + TITLE_BYTES),
        )
      }
    }
    client.close()
    await harness.stop()
    // Not vacuous: in many kills part of an answer had to survive.
    const all = [...conversations.values()].flat()
    expect(all.filter((entry) => entry.answerAtLeast !== '').length).toBeGreaterThanOrEqual(KILLS / 3)
  }, 600_000)
})
