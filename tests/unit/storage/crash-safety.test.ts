import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openConversationStore } from '../../../src/main/storage/store'
import { tempDataDir } from './support'

const childSource = join(__dirname, 'fixtures', 'append-until-killed.ts')
let childDir = ''
let childScript = ''
// Independent data folders killed in parallel: 5 × 11 = 55 kills, each folder reopened after every one.
const LANES = 5
const KILLS_PER_LANE = 11

/** Runs the child until a random moment after its first acknowledged append, kills it with SIGKILL, returns the ids it acknowledged. */
function appendUntilKilled(dataDir: string): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [childScript, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let killScheduled = false
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      // Killed at a random moment once appending is under way, so every lane acknowledges something.
      if (!killScheduled && /^ack /m.test(stdout)) {
        killScheduled = true
        setTimeout(() => child.kill('SIGKILL'), 1 + Math.random() * 40)
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    // 'close' comes after the process is reaped and its pipes are drained: every ack it printed is in `stdout`.
    child.on('close', (_code, signal) => {
      clearTimeout(giveUp)
      if (!killScheduled || signal !== 'SIGKILL') reject(new Error(`The child did not run until killed: ${stderr}`))
      else resolvePromise([...stdout.matchAll(/^ack (\S+)$/gm)].map((match) => match[1]))
    })
  })
}

async function storedMessageIds(dataDir: string): Promise<Set<string>> {
  const store = await openConversationStore({ dataDir, log: () => undefined })
  try {
    const ids = new Set<string>()
    for (const summary of store.list()) {
      for (const message of (await store.get(summary.id)).messages) ids.add(message.id)
    }
    return ids
  } finally {
    await store.close()
  }
}

async function killRepeatedly(): Promise<{ acknowledged: number; lost: string[] }> {
  const dataDir = await tempDataDir()
  const acknowledged: string[] = []
  const lost = new Set<string>()
  for (let kill = 0; kill < KILLS_PER_LANE; kill++) {
    acknowledged.push(...(await appendUntilKilled(dataDir)))
    const stored = await storedMessageIds(dataDir)
    for (const id of acknowledged) if (!stored.has(id)) lost.add(id)
  }
  return { acknowledged: acknowledged.length, lost: [...lost] }
}

/**
 * The child is bundled once into plain JavaScript: starting it under a TypeScript loader costs most of a second per
 * kill on a loaded machine, which made the test's time depend on the machine's load rather than on the kills.
 */
beforeAll(async () => {
  childDir = await mkdtemp(join(tmpdir(), 'codex-desk-crash-child-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: childSource,
      outDir: childDir,
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'append-until-killed.cjs' } },
    },
  })
  childScript = join(childDir, 'append-until-killed.cjs')
}, 60_000)

afterAll(async () => {
  await rm(childDir, { recursive: true, force: true })
})

describe('crash safety', () => {
  it('every acknowledged message survives a crash mid-write', async () => {
    const lanes = await Promise.all(Array.from({ length: LANES }, killRepeatedly))

    expect(lanes.flatMap((lane) => lane.lost)).toEqual([])
    // Without acknowledged messages the check above would prove nothing.
    for (const lane of lanes) expect(lane.acknowledged).toBeGreaterThan(KILLS_PER_LANE)
  }, 60_000)
})
