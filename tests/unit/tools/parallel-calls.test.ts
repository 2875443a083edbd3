import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createToolRegistry, type ToolCallRequest, type ToolResult } from '../../../src/main/tools'
import { makeSandbox } from './workspace'

let sandbox: Awaited<ReturnType<typeof makeSandbox>>

beforeEach(async () => {
  sandbox = await makeSandbox()
})
afterEach(() => sandbox.cleanup())

describe.skipIf(process.platform === 'win32')('parallel tool calls', () => {
  it('run at the same time, each output matched to its own call id', async () => {
    const registry = createToolRegistry()
    // Each command says it started, then waits for a gate that opens only once all three have started: run one
    // after the other, the first would wait forever. So they finish in about the time of the longest.
    const calls: ToolCallRequest[] = ['a', 'b', 'c'].map((name, index) => ({
      callId: `call_${index + 1}`,
      name: 'run_command',
      arguments: JSON.stringify({
        command: `touch started-${name}; while [ ! -e gate ]; do sleep 0.02; done; echo "I am ${name}"`,
        timeout_seconds: 60,
      }),
    }))
    const signal = new AbortController().signal
    const outputs = new Map<string, ToolResult>()
    const finished = Promise.all(
      calls.map(async (call) => {
        outputs.set(call.callId, await registry.execute(call, { workspace: sandbox.workspace, signal }))
      }),
    )

    const started = () => ['a', 'b', 'c'].every((name) => existsSync(join(sandbox.workspace, `started-${name}`)))
    await vi.waitFor(() => expect(started()).toBe(true), { timeout: 15_000, interval: 20 })
    expect(outputs.size).toBe(0)
    await writeFile(join(sandbox.workspace, 'gate'), '')
    await finished

    expect(Object.fromEntries(outputs)).toEqual({
      call_1: { state: 'done', output: '[exit code 0]\n--- stdout ---\nI am a\n' },
      call_2: { state: 'done', output: '[exit code 0]\n--- stdout ---\nI am b\n' },
      call_3: { state: 'done', output: '[exit code 0]\n--- stdout ---\nI am c\n' },
    })
  })
})
