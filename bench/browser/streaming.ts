/**
 * A 10,000-token answer streamed at 500 tokens/s into a 2,000-message thread, and into a 2-message one (the
 * baseline), in Chromium: the longest frame (rAF intervals; Long Animation Frames beside them) and the renderer's
 * main-thread time per delta at the end of the answer against its start (a trace).
 */
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { seedConversations } from '../../src/main/storage/seed'
import type { Conversation } from '../../src/shared/domain'
import { median } from '../stats'
import type { BenchRow } from '../types'
import { type AppSession, signIn, startAppSession } from './app-session'
import { longAnswer, newestMarker, thread } from './fixtures'
import { type FrameRecord, openToPainted, startFrames, stopFrames } from './page-probe'
import { cpuMs, type MainThreadTask, mainThreadTasks, TRACE_CATEGORIES } from './trace'

const TOKENS = 10_000
const TOKENS_PER_SECOND = 500
const RUNS = 3
const LONG = 2_000
const MARK = 'bench-stream'

interface StreamRun {
  /** The longest interval between two frames while the answer streamed, ms. */
  longestFrame: number
  /** The most main-thread CPU any one of those frames took, ms (on a loaded machine, less than its wall time). */
  busiestFrameCpu: number
  longFrames: number
  /** Main-thread CPU µs per word-sized delta, over the first and the last tenth of the answer. */
  startCost: number
  endCost: number
}

function answerIsDone(tokens: number): boolean {
  const frames = (window as unknown as { __benchProbe: { frames: FrameRecord | null } }).__benchProbe.frames
  const words = frames?.deltas.reduce((sum, [, count]) => sum + count, 0) ?? 0
  const last = [...document.querySelectorAll('[data-testid="message"][data-role="assistant"]')].at(-1)
  // The first words may come with the part that opens the answer rather than as a delta.
  return words >= tokens * 0.99 && last?.getAttribute('data-state') === 'done'
}

/** Main-thread CPU µs per delta over the deltas from `fromShare` to `toShare` of the words. */
function costPerDelta(
  deltas: Array<[number, number]>,
  tasks: readonly MainThreadTask[],
  fromShare: number,
  toShare: number,
): number {
  const total = deltas.reduce((sum, [, words]) => sum + words, 0)
  let seen = 0
  let from: number | undefined
  let to: number | undefined
  let words = 0
  for (const [at, count] of deltas) {
    if (from === undefined && seen >= total * fromShare) from = at
    if (seen >= total * toShare) {
      to = at
      break
    }
    if (from !== undefined) words += count
    seen += count
  }
  to ??= deltas.at(-1)?.[0]
  if (from === undefined || to === undefined || words === 0) throw new Error('Too few deltas to measure')
  return (cpuMs(tasks, from, to) * 1000) / words
}

async function streamOnce(browser: Browser, session: AppSession, into: Conversation): Promise<StreamRun> {
  const page = session.page
  await page.evaluate(openToPainted, { title: into.title, marker: newestMarker(into.id) })
  session.fake.responses.enqueue({ kind: 'text', text: longAnswer(TOKENS), tokensPerSecond: TOKENS_PER_SECOND })
  await browser.startTracing(page, { categories: TRACE_CATEGORIES })
  await page.evaluate(startFrames, MARK)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill('Write the long answer.')
  await composer.press('Enter')
  await page.waitForFunction(answerIsDone, TOKENS, { timeout: 180_000, polling: 250 })
  const frames = await page.evaluate(stopFrames)
  const trace = await browser.stopTracing()
  if (!frames) throw new Error('No frames were recorded')
  const tasks = mainThreadTasks(trace, MARK, frames.markAt)
  const starts = frames.frameStarts
  const between = starts.slice(1).map((at, index) => [starts[index], at] as const)
  return {
    longestFrame: Math.max(...between.map(([from, to]) => to - from)),
    busiestFrameCpu: Math.max(...between.map(([from, to]) => cpuMs(tasks, from, to))),
    longFrames: frames.longFrames.length,
    startCost: costPerDelta(frames.deltas, tasks, 0, 0.1),
    endCost: costPerDelta(frames.deltas, tasks, 0.9, 1),
  }
}

export async function runStreamingBench(browser: Browser, root: string): Promise<BenchRow[]> {
  const dataDir = join(root, 'streaming')
  const longThreads = Array.from({ length: RUNS }, (_, run) =>
    thread({ id: `long${run}`, title: `Long thread ${run}`, messages: LONG, answerWords: 40, order: run }),
  )
  const shortThreads = Array.from({ length: RUNS }, (_, run) =>
    thread({ id: `short${run}`, title: `Short thread ${run}`, messages: 2, answerWords: 40, order: RUNS + run }),
  )
  await seedConversations(dataDir, [...longThreads, ...shortThreads])
  const session = await startAppSession(browser, dataDir)
  const long: StreamRun[] = []
  const short: StreamRun[] = []
  try {
    await signIn(session.page)
    // Alternated, so a change in the machine's load falls on both.
    for (let run = 0; run < RUNS; run++) {
      long.push(await streamOnce(browser, session, longThreads[run]))
      short.push(await streamOnce(browser, session, shortThreads[run]))
      process.stderr.write(
        `  stream run ${run + 1}/${RUNS}: ${JSON.stringify({ long: long.at(-1), short: short.at(-1) })}\n`,
      )
    }
  } finally {
    await session.close()
  }
  const frame = median(long.map((run) => run.longestFrame))
  const frameBaseline = median(short.map((run) => run.longestFrame))
  const cpu = median(long.map((run) => run.busiestFrameCpu))
  const cpuBaseline = median(short.map((run) => run.busiestFrameCpu))
  const growth = median(long.map((run) => run.endCost / run.startCost))
  const growthBaseline = median(short.map((run) => run.endCost / run.startCost))
  const µs = (runs: StreamRun[], key: 'startCost' | 'endCost') => median(runs.map((run) => run[key])).toFixed(0)
  return [
    {
      name: `longest frame, ${TOKENS.toLocaleString('en')}-token answer at ${TOKENS_PER_SECOND} tok/s into a ${LONG.toLocaleString('en')}-message thread`,
      value: frame,
      unit: 'ms',
      baseline: frameBaseline,
      ratio: frameBaseline / frame,
      note: `target ≤ 50 ms; baseline: the same answer into a 2-message thread; longest interval between animation frames (rAF) from Send until the answer is done; long animation frames (≥ 50 ms) per answer: ${median(long.map((run) => run.longFrames))} (baseline ${median(short.map((run) => run.longFrames))})`,
    },
    {
      name: 'main-thread CPU of the busiest frame of that answer',
      value: cpu,
      unit: 'ms',
      baseline: cpuBaseline,
      ratio: cpuBaseline / cpu,
      note: 'the work the page itself did in its costliest frame (trace, CPU time of the tasks begun in it): the longest frame less the time a loaded machine gave to other processes; baseline: the 2-message thread',
    },
    {
      name: 'per-delta cost, end / start of that answer',
      value: growth,
      unit: '×',
      baseline: growthBaseline,
      ratio: growthBaseline / growth,
      note: `target ≤ 1.5×; renderer main-thread CPU time per word-sized delta (trace) over the last tenth of the answer ÷ the first tenth: ${µs(long, 'startCost')} → ${µs(long, 'endCost')} µs; baseline: the same in the 2-message thread (${µs(short, 'startCost')} → ${µs(short, 'endCost')} µs)`,
    },
  ]
}
