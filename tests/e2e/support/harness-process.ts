import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'

export const REPO_ROOT = join(__dirname, '../../..')

export interface HarnessProcess {
  launchUrl: string
  stop(): Promise<void>
  /** SIGKILL, as a crash or a power cut ends it: no handler runs. Resolves once it is gone. */
  kill(): Promise<void>
  /** What it wrote to stderr so far. */
  stderr(): string
}

/** Runs the web harness exactly as `npm run web -- --port 0 --data-dir D` does, and waits for its ready line. */
export async function startHarnessProcess(dataDir: string, env: Record<string, string>): Promise<HarnessProcess> {
  const child = spawn(process.execPath, ['scripts/web-harness.mjs', 'cli', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const launchUrl = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => reject(new Error(`The harness did not start in time.\n${stderr}`)), 60_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /^Codex Desk web UI: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)$/m.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The harness exited with ${code} before it was ready.\n${stderr}`))
    })
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    launchUrl,
    stop: () => stopChild(child),
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      return exited
    },
    stderr: () => stderr,
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
