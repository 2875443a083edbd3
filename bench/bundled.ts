import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ensureBuilds } from '../scripts/vite-builds.mjs'
import type { BenchRow } from './types'

const REPO_ROOT = join(__dirname, '..')

/**
 * Runs a suite of bench/node from its bundle (out/bench, rebuilt when its sources changed) in a plain Node process,
 * as the app's code runs for users, not under this process's tsx.
 */
export async function runBundledSuite(suite: string): Promise<BenchRow[]> {
  const log = (message: string) => process.stderr.write(`${message}\n`)
  await ensureBuilds(REPO_ROOT, ['bench'], log)
  const child = spawn(process.execPath, [join(REPO_ROOT, 'out/bench/node-bench.js'), suite], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`The bundled ${suite} suite exited with ${code}.`)
  return JSON.parse(stdout) as BenchRow[]
}
