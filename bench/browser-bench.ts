import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { ensureBuilds } from '../scripts/vite-builds.mjs'
import { runHistoryBench } from './browser/history'
import { runStreamingBench } from './browser/streaming'
import type { BenchRow } from './types'

const REPO_ROOT = join(__dirname, '..')

/** The scripts index.html loads before anything is shown (the entry and its module preloads), gzipped. */
async function initialJsRow(): Promise<BenchRow> {
  const dir = join(REPO_ROOT, 'out/web')
  const html = await readFile(join(dir, 'index.html'), 'utf8')
  const scripts = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1])
  let gzipped = 0
  let raw = 0
  for (const script of scripts) {
    const content = await readFile(join(dir, script))
    raw += content.length
    gzipped += gzipSync(content, { level: 9 }).length
  }
  return {
    name: 'renderer initial JS, gzip',
    value: gzipped / 1024,
    unit: 'KiB',
    note: `target < 250 KB; ${scripts.length} script(s) index.html loads at start (${(raw / 1024).toFixed(0)} KiB before gzip; out/web, the renderer as the harness serves it)`,
  }
}

/**
 * Chromium figures of issue 11, measured through the bundled web harness over seeded data folders against the fake
 * backend (Debian Chromium, headless): streaming into a long thread, long histories, the renderer's weight.
 */
export async function runBrowserBench(): Promise<BenchRow[]> {
  const log = (message: string) => process.stderr.write(`${message}\n`)
  await ensureBuilds(REPO_ROOT, ['web', 'harness'], log)
  const root = await mkdtemp(join(tmpdir(), 'codex-desk-browser-bench-'))
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  })
  try {
    const streaming = await runStreamingBench(browser, root)
    const history = await runHistoryBench(browser, root)
    return [...streaming, ...history, await initialJsRow()]
  } finally {
    await browser.close()
    await rm(root, { recursive: true, force: true })
  }
}
