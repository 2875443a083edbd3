import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchRow } from './types'

interface MarkdownResults {
  chars: number
  updates: number
  blockwiseTotalMs: number
  wholeTotalMs: number
  blockwiseTailMeanMs: number
  wholeTailMeanMs: number
}

/** Runs bench/markdown under vitest (React + happy-dom) and reads what it measured. */
export async function runMarkdownBench(): Promise<BenchRow[]> {
  const root = join(__dirname, '..')
  const resultsFile = join(__dirname, 'markdown/.results.json')
  rmSync(resultsFile, { force: true })
  const run = spawnSync(
    join(root, 'node_modules/.bin/vitest'),
    ['run', '--config', 'bench/markdown/vitest.config.mts'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
  if (run.status !== 0) throw new Error(`Markdown benchmark failed:\n${run.stdout}\n${run.stderr}`)
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as MarkdownResults
  rmSync(resultsFile, { force: true })
  const size = `${(results.chars / 1024).toFixed(1)} KiB answer, ${results.updates} updates`
  return [
    {
      name: `stream a ${size}: total render time`,
      value: results.blockwiseTotalMs,
      unit: 'ms',
      baseline: results.wholeTotalMs,
      ratio: results.wholeTotalMs / results.blockwiseTotalMs,
      note: 'baseline: react-markdown re-rendering the whole message on every update (what slow chat apps do)',
    },
    {
      name: 'one update near the end of the answer (mean of the last 10 %)',
      value: results.blockwiseTailMeanMs,
      unit: 'ms',
      baseline: results.wholeTailMeanMs,
      ratio: results.wholeTailMeanMs / results.blockwiseTailMeanMs,
      note: 'a frame is 16.7 ms; happy-dom, so layout and paint are not included',
    },
  ]
}
