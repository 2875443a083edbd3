import { readdirSync, readFileSync } from 'node:fs'

/** Whether a process is alive; a killed process that nobody reaped yet (a zombie) counts as gone. */
export function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

/** The live processes whose command line contains `argument` as one of its words, from the process table. */
export function processesWith(argument: string): number[] {
  const pids: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(argument) && isRunning(Number(name))) {
        pids.push(Number(name))
      }
    } catch {
      // Ended while we looked.
    }
  }
  return pids
}

/** A number no other process on the machine has on its command line: `sleep <token>` marks a test's processes. */
export function uniqueSleep(): string {
  return String(500_000 + Math.floor(Math.random() * 400_000))
}
