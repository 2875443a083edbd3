import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Browser, chromium } from 'playwright-core'
import { ensureBuilds } from '../scripts/vite-builds.mjs'
import { median } from './stats'
import type { BenchRow } from './types'

const REPO_ROOT = join(__dirname, '..')
const RUNS = 5

interface Launch {
  command: string
  args: string[]
}

/** `npm run web` as it runs now: the bundled harness. */
const BUNDLED: Launch = { command: process.execPath, args: ['scripts/web-harness.mjs', 'cli'] }
/** As it ran before: the TypeScript sources under tsx. */
const UNDER_TSX: Launch = { command: join(REPO_ROOT, 'node_modules/.bin/tsx'), args: ['src/web/cli.ts'] }

/** From starting the harness to a page whose message box is on screen, in a fresh data folder and browser context. */
async function launchToInteractive(browser: Browser, launch: Launch): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'codex-desk-harness-bench-'))
  // The browser tab is open before the clock starts, as the user's browser is.
  const context = await browser.newContext()
  const page = await context.newPage()
  const start = performance.now()
  const child = spawn(launch.command, [...launch.args, '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = ''
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        const match = /^Codex Desk web UI: (\S+)$/m.exec(stdout)
        if (match) resolve(match[1])
      })
      child.once('exit', (code) => reject(new Error(`The harness exited with ${code} before it was ready.`)))
    })
    await page.goto(url)
    await page.getByRole('textbox', { name: 'Message' }).waitFor()
    return performance.now() - start
  } finally {
    await context.close()
    child.kill('SIGTERM')
    await exited
    await rm(dataDir, { recursive: true, force: true })
  }
}

export async function runHarnessBench(): Promise<BenchRow[]> {
  const log = (message: string) => process.stderr.write(`${message}\n`)
  // Built before the clock runs: a launch after a source change pays for one build, every other launch does not.
  await ensureBuilds(REPO_ROOT, ['web', 'harness'], log)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })
  try {
    const bundled: number[] = []
    const underTsx: number[] = []
    // Alternated, so a change in the machine's load falls on both.
    for (let run = 0; run < RUNS; run++) {
      bundled.push(await launchToInteractive(browser, BUNDLED))
      underTsx.push(await launchToInteractive(browser, UNDER_TSX))
    }
    const value = median(bundled)
    const baseline = median(underTsx)
    return [
      {
        name: 'harness launch to interactive page (`npm run web`, bundled)',
        value,
        unit: 'ms',
        baseline,
        ratio: baseline / value,
        note: 'target < 1 s; baseline: the same harness from its TypeScript sources under tsx',
      },
    ]
  } finally {
    await browser.close()
  }
}
