import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createToolRegistry } from '../../../src/main/tools'
import { makeSandbox } from './workspace'

let sandbox: Awaited<ReturnType<typeof makeSandbox>>
const tools = createToolRegistry()

beforeEach(async () => {
  sandbox = await makeSandbox()
})
afterEach(() => sandbox.cleanup())

/** A process that was killed may linger as a zombie when nothing reaps it; that counts as gone. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^\d+ \(.*\) Z/.test(stat)
  } catch {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
}

describe.skipIf(process.platform === 'win32')('run_command', () => {
  it('runs in the workspace and reports output and exit code', async () => {
    const result = await tools.execute(
      { name: 'run_command', arguments: JSON.stringify({ command: 'pwd; echo oops >&2; exit 3' }) },
      { workspace: sandbox.workspace, signal: new AbortController().signal },
    )
    expect(result.state).toBe('done')
    expect(result.output).toContain(sandbox.workspace)
    expect(result.output).toContain('oops')
    expect(result.output).toMatch(/\[exit code 3\]$/)
  })

  it('kills the command and its children when the user stops', async () => {
    const pidFile = join(sandbox.workspace, 'pid')
    const stop = new AbortController()
    const pending = tools.execute(
      { name: 'run_command', arguments: JSON.stringify({ command: `sleep 30 & echo $! > ${pidFile}; wait` }) },
      { workspace: sandbox.workspace, signal: stop.signal },
    )
    await vi.waitFor(() => expect(readFileSync(pidFile, 'utf8')).toMatch(/^\d+/))
    const sleeper = Number(readFileSync(pidFile, 'utf8'))
    expect(isRunning(sleeper)).toBe(true)

    stop.abort()

    expect(await pending).toMatchObject({ state: 'error', output: 'Error: The tool call was cancelled.' })
    await vi.waitFor(() => expect(isRunning(sleeper)).toBe(false))
  })

  it('does not start anything when the turn is already stopped', async () => {
    const stop = new AbortController()
    stop.abort()
    const marker = join(sandbox.workspace, 'ran')
    const result = await tools.execute(
      { name: 'run_command', arguments: JSON.stringify({ command: `touch ${marker}` }) },
      { workspace: sandbox.workspace, signal: stop.signal },
    )
    expect(result.state).toBe('error')
    expect(existsSync(marker)).toBe(false)
  })
})
