import type { BenchRow } from '../types'
import { runFirstDeltaBench } from './first-delta-bench'
import { runStreamBench } from './stream-bench'

/**
 * The entry of out/bench/node-bench.js: `node out/bench/node-bench.js <suite>` runs one suite of the app's own code,
 * bundled, and prints its rows as one JSON line on stdout (progress goes to stderr).
 */
const SUITES: Record<string, () => Promise<BenchRow[]>> = {
  stream: runStreamBench,
  'first-delta': runFirstDeltaBench,
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? ''
  const suite = SUITES[name]
  if (!suite) throw new Error(`Unknown suite "${name}"; one of ${Object.keys(SUITES).join(', ')}.`)
  process.stdout.write(`${JSON.stringify(await suite())}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
