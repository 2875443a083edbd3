import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { type CommandOutput, captureOutput } from './command-output'
import { killProcessTree, RUN_MARKER_VARIABLE } from './process-tree'
import { defineTool, type Tool, ToolError } from './types'
import { workspaceOf } from './workspace-path'

const DEFAULT_TIMEOUT_SECONDS = 60
const MAX_TIMEOUT_SECONDS = 600

export const runCommandArgs = z
  .object({
    command: z.string().min(1).describe('The command line, run by the system shell (sh -c, or cmd.exe on Windows).'),
    timeout_seconds: z
      .number()
      .int()
      .min(1)
      .max(MAX_TIMEOUT_SECONDS)
      .optional()
      .describe(`Stop the command after this many seconds. Default: ${DEFAULT_TIMEOUT_SECONDS}.`),
  })
  .strict()

export type RunCommandArgs = z.output<typeof runCommandArgs>

export function timeoutSecondsOf(args: RunCommandArgs): number {
  return args.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS
}

type Ending = { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null } | { kind: 'timeout' | 'stopped' }

function statusLine(ending: Ending, timeoutSeconds: number): string {
  switch (ending.kind) {
    case 'exited':
      return ending.signal ? `[killed by ${ending.signal}]` : `[exit code ${ending.code}]`
    case 'timeout':
      return `[timed out after ${timeoutSeconds} s: the command and every process it started were killed]`
    case 'stopped':
      return '[stopped by the user: the command and every process it started were killed]'
  }
}

/** Runs the command to its end (or its timeout, or the signal); resolves once its output streams are closed. */
function execute(command: string, cwd: string, timeoutSeconds: number, signal: AbortSignal, output: CommandOutput) {
  return new Promise<Ending>((resolve, reject) => {
    const marker = randomUUID()
    const child = spawn(command, {
      cwd,
      shell: true,
      // Its own process group, so the tree can be killed as a group (Windows uses taskkill /T instead).
      detached: process.platform !== 'win32',
      windowsHide: true,
      env: { ...process.env, [RUN_MARKER_VARIABLE]: marker },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    output.attach(child.stdout, child.stderr)
    let ending: Ending | null = null
    let killing: Promise<void> | null = null
    const killTree = () => {
      if (child.pid !== undefined) killing ??= killProcessTree(child.pid, marker)
    }
    const end = (kind: 'timeout' | 'stopped') => {
      ending ??= { kind }
      killTree()
    }
    const timer = setTimeout(() => end('timeout'), timeoutSeconds * 1000)
    const onAbort = () => end('stopped')
    signal.addEventListener('abort', onAbort, { once: true })
    const cleanUp = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
    }

    child.once('error', (error) => {
      cleanUp()
      reject(new ToolError(`Could not start the command: ${error.message}`))
    })
    // Background processes the command left behind would hold its output open (and outlive the call): stop them.
    child.once('exit', (code, killedBy) => {
      ending ??= { kind: 'exited', code, signal: killedBy }
      killTree()
    })
    child.once('close', async () => {
      cleanUp()
      await killing
      resolve(ending ?? { kind: 'stopped' })
    })
  })
}

export const runCommand: Tool = defineTool({
  name: 'run_command',
  description: `Run a shell command in the workspace folder and return its exit code, stdout and stderr (64 KB at most). The user may be asked to approve it first. It is stopped after timeout_seconds (default ${DEFAULT_TIMEOUT_SECONDS}); processes it leaves running in the background are stopped when it ends. No input can be given to it.`,
  args: runCommandArgs,
  approval: 'ask',
  needsWorkspace: true,
  // The command keeps its own time; this is only the registry's backstop.
  timeoutMs: (MAX_TIMEOUT_SECONDS + 30) * 1000,
  outputCap: 64 * 1024,
  settlesOnAbort: true,
  async run(args, context) {
    context.signal.throwIfAborted()
    const timeoutSeconds = timeoutSecondsOf(args)
    const output = captureOutput(context.outputCap)
    const ending = await execute(args.command, workspaceOf(context), timeoutSeconds, context.signal, output)
    const text = `${statusLine(ending, timeoutSeconds)}\n${output.render()}`
    if (ending.kind === 'timeout')
      throw new ToolError(`The command timed out after ${timeoutSeconds} s.`, { output: text })
    if (ending.kind === 'stopped') throw new ToolError('The command was stopped.', { output: text })
    return text
  },
})
