import { writeFileSync } from 'node:fs'
import { cpus, freemem, platform, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { runBundledSuite } from './bundled'
import type { BenchRow } from './types'

/**
 * `npm run bench`: every benchmark measures its subject and a baseline in the same run on the same machine, and
 * the results (with the machine and the date) go to bench/RESULTS.md. Speed is never asserted in a test.
 */
const suites: Array<{ title: string; load: () => Promise<() => Promise<BenchRow[]>> }> = [
  { title: 'Conversation storage', load: async () => (await import('./storage-bench')).runStorageBench },
  { title: 'Answers on disk', load: async () => (await import('./answer-file-bench')).runAnswerFileBench },
  { title: 'Streaming a Responses answer (bundled)', load: async () => () => runBundledSuite('stream') },
  { title: 'First text delta (bundled)', load: async () => () => runBundledSuite('first-delta') },
  { title: 'Streaming to the renderer', load: async () => (await import('./delta-bench')).runDeltaBench },
  { title: 'Streaming Markdown', load: async () => (await import('./markdown-bench')).runMarkdownBench },
  { title: 'Desktop package', load: async () => (await import('./package-bench')).runPackageBench },
  { title: 'Web harness', load: async () => (await import('./harness-bench')).runHarnessBench },
  { title: 'In Chromium', load: async () => (await import('./browser-bench')).runBrowserBench },
]

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(3)
}

async function main(): Promise<void> {
  const sections: string[] = []
  for (const suite of suites) {
    process.stderr.write(`${suite.title}…\n`)
    const rows = await (await suite.load())()
    const lines = rows.map(
      (row) =>
        `| ${row.name} | ${format(row.value)} ${row.unit} | ${row.baseline === undefined ? '–' : `${format(row.baseline)} ${row.unit}`} | ${row.ratio === undefined ? '–' : `${format(row.ratio)}×`} | ${row.note ?? ''} |`,
    )
    sections.push(
      [
        `## ${suite.title}`,
        '',
        '| measure | result | baseline | ratio | note |',
        '| --- | --- | --- | --- | --- |',
        ...lines,
      ].join('\n'),
    )
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  const header = [
    '# Benchmark results',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} GiB free), ${platform()} ${release()}`,
    `- node: ${process.version}`,
    '',
    'Ratio = baseline ÷ result, measured in the same run: for times, how many times faster than the baseline; for sizes, how many times smaller (higher is better either way).',
    '',
  ].join('\n')
  const out = join(__dirname, 'RESULTS.md')
  writeFileSync(out, `${header}\n${sections.join('\n\n')}\n`)
  process.stderr.write(`Wrote ${out}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
