import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isRunning, processesWith, uniqueSleep } from './process-table'
import { makeSandbox, runTool } from './workspace'

let sandbox: Awaited<ReturnType<typeof makeSandbox>>
const run = (args: Record<string, unknown>, signal?: AbortSignal) =>
  runTool(sandbox.workspace, 'run_command', args, signal)
const pidIn = (file: string) => Number(readFileSync(join(sandbox.workspace, file), 'utf8'))
const hasPid = (file: string) => existsSync(join(sandbox.workspace, file)) && pidIn(file) > 0
/** Generous: these wait for states (a file written, a process gone), never for a time to pass. */
const patiently = { timeout: 15_000, interval: 20 }

beforeEach(async () => {
  sandbox = await makeSandbox()
})
afterEach(() => sandbox.cleanup())

// The process table is read from /proc.
describe.runIf(process.platform === 'linux')('run_command', () => {
  it('runs in the workspace and reports the exit code, stdout and stderr', async () => {
    expect(await run({ command: 'pwd; echo oops >&2; exit 3' })).toEqual({
      state: 'done',
      output: `[exit code 3]\n--- stdout ---\n${sandbox.workspace}\n--- stderr ---\noops\n`,
    })
    expect(await run({ command: 'true' })).toEqual({ state: 'done', output: '[exit code 0]\n(no output)' })
  })

  it('on Stop kills the whole tree, a setsid grandchild included, and keeps the output so far', async () => {
    const [mine, grandchild] = [uniqueSleep(), uniqueSleep()]
    const stop = new AbortController()
    const pending = run(
      { command: `echo started; setsid sh -c 'echo $$ > grandchild.pid; exec sleep ${grandchild}' & sleep ${mine}` },
      stop.signal,
    )
    await vi.waitFor(() => expect(hasPid('grandchild.pid')).toBe(true), patiently)
    await vi.waitFor(() => expect(processesWith(mine)).toHaveLength(1), patiently)
    expect(isRunning(pidIn('grandchild.pid'))).toBe(true)

    stop.abort()

    const result = await pending
    expect(result.state).toBe('error')
    expect(result.output).toBe(
      '[stopped by the user: the command and every process it started were killed]\n--- stdout ---\nstarted\n',
    )
    await vi.waitFor(() => expect([...processesWith(mine), ...processesWith(grandchild)]).toEqual([]), patiently)
    expect(isRunning(pidIn('grandchild.pid'))).toBe(false)
  })

  it('kills a setsid grandchild whose parent already exited', async () => {
    const [mine, orphan] = [uniqueSleep(), uniqueSleep()]
    const stop = new AbortController()
    const spawner = `sh -c 'echo $$ > spawner.pid; setsid sh -c "echo \\$\\$ > orphan.pid; exec sleep ${orphan}" &'`
    const pending = run({ command: `${spawner}; sleep ${mine}` }, stop.signal)
    await vi.waitFor(() => expect(hasPid('orphan.pid') && hasPid('spawner.pid')).toBe(true), patiently)
    // Orphaned: no longer a descendant of the command's shell, nor in its process group.
    await vi.waitFor(() => expect(isRunning(pidIn('spawner.pid'))).toBe(false), patiently)
    await vi.waitFor(() => expect(processesWith(orphan)).toHaveLength(1), patiently)

    stop.abort()

    expect((await pending).state).toBe('error')
    await vi.waitFor(() => expect([...processesWith(mine), ...processesWith(orphan)]).toEqual([]), patiently)
  })

  it('on timeout kills the whole tree and keeps the output printed before', async () => {
    const [mine, grandchild] = [uniqueSleep(), uniqueSleep()]
    const result = await run({
      command: `echo before; echo warn >&2; setsid sh -c 'echo $$ > grandchild.pid; exec sleep ${grandchild}' & sleep ${mine}`,
      timeout_seconds: 3,
    })
    expect(result).toEqual({
      state: 'error',
      error: 'The command timed out after 3 s.',
      output:
        '[timed out after 3 s: the command and every process it started were killed]\n--- stdout ---\nbefore\n--- stderr ---\nwarn\n',
    })
    await vi.waitFor(() => expect([...processesWith(mine), ...processesWith(grandchild)]).toEqual([]), patiently)
    expect(isRunning(pidIn('grandchild.pid'))).toBe(false)
  })

  it('stops what the command left running in the background once it ends', async () => {
    const leftover = uniqueSleep()
    const result = await run({ command: `sleep ${leftover} & echo $! > leftover.pid; echo done` })
    expect(result).toEqual({ state: 'done', output: '[exit code 0]\n--- stdout ---\ndone\n' })
    await vi.waitFor(() => expect(processesWith(leftover)).toEqual([]), patiently)
  })

  it('caps the output at 64 KB and says how much was left out', async () => {
    const result = await run({ command: "head -c 200000 /dev/zero | tr '\\0' x" })
    expect(result.state).toBe('done')
    expect(result.output).toMatch(/\n\[stdout truncated: showing the first \d+ of 200000 characters\]\n$/)
    expect(result.output.length).toBeLessThanOrEqual(64 * 1024)
  })

  it('does not start anything when the turn is already stopped', async () => {
    const stop = new AbortController()
    stop.abort()
    const result = await run({ command: 'touch ran' }, stop.signal)
    expect(result.state).toBe('error')
    expect(existsSync(join(sandbox.workspace, 'ran'))).toBe(false)
  })

  it('refuses a timeout outside 1 to 600 seconds', async () => {
    for (const timeout_seconds of [0, 601, 1.5]) {
      const result = await run({ command: 'true', timeout_seconds })
      expect(result.output).toMatch(/^Error: Invalid arguments for run_command: timeout_seconds: /)
    }
  })
})
