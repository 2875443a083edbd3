import { spawn } from 'node:child_process'
import { z } from 'zod'
import { defineTool, type Tool, ToolError } from './types'

const COMMAND_TIMEOUT_MS = 30_000
const OUTPUT_CAP = 32 * 1024

/**
 * Kills the whole process group: `sh -c "make test"` leaves the real work in grandchildren, which would outlive
 * a kill of the shell alone.
 */
function killTree(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    if (process.platform === 'win32') process.kill(pid, 'SIGKILL')
    else process.kill(-pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

export const runCommand: Tool = defineTool({
  name: 'run_command',
  description:
    'Run a shell command in the workspace folder and return its combined output and exit code. The user approves each command. Times out after 30 seconds.',
  args: z.object({ command: z.string().min(1).describe('The command line, run by the system shell.') }).strict(),
  approval: 'ask',
  needsWorkspace: true,
  timeoutMs: COMMAND_TIMEOUT_MS,
  outputCap: OUTPUT_CAP,
  run({ command }, context) {
    const { workspace, signal, outputCap } = context
    if (workspace === null) throw new ToolError('No workspace folder is chosen in Settings.')
    return new Promise<string>((resolve, reject) => {
      const child = spawn(command, {
        cwd: workspace,
        shell: true,
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      let total = 0
      const collect = (chunk: Buffer) => {
        const text = chunk.toString('utf8')
        total += text.length
        if (output.length < outputCap) output += text.slice(0, outputCap - output.length)
      }
      child.stdout.on('data', collect)
      child.stderr.on('data', collect)

      const onAbort = () => killTree(child.pid)
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })

      child.once('error', (error) => {
        signal.removeEventListener('abort', onAbort)
        reject(new ToolError(`Could not start the command: ${error.message}`))
      })
      child.once('close', (code, killedBy) => {
        signal.removeEventListener('abort', onAbort)
        if (signal.aborted) {
          reject(new ToolError('The command was stopped.'))
          return
        }
        const truncated =
          total > output.length ? `\n[output truncated: ${total - output.length} characters left out]` : ''
        const status = killedBy ? `killed by ${killedBy}` : `exit code ${code}`
        resolve(`${output || '(no output)'}${truncated}\n[${status}]`)
      })
    })
  },
})
