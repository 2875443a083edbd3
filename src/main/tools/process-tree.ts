import { execFile } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { promisify } from 'node:util'

/**
 * Finds and kills every process a command started. Killing the shell's process group is not enough: a process that
 * called `setsid` (or `setpgid`) has left the group, and one whose parent exited is no longer anyone's descendant.
 * So a process belongs to the tree when it is in the group, descends from the shell, or carries the command's
 * marker in its environment (inherited by everything the command starts, unless a program scrubs it).
 */

export const RUN_MARKER_VARIABLE = 'CODEX_DESK_RUN_ID'

interface ProcessEntry {
  pid: number
  ppid: number
  pgid: number
}

const run = promisify(execFile)

/** `/proc/<pid>/stat`: the command name is in parentheses and may itself contain spaces and parentheses. */
function parseStat(text: string): ProcessEntry | null {
  const close = text.lastIndexOf(')')
  const pid = Number.parseInt(text, 10)
  const fields = text.slice(close + 2).split(' ')
  // After the name: state, ppid, pgrp.
  const ppid = Number(fields[1])
  const pgid = Number(fields[2])
  return Number.isInteger(pid) && Number.isInteger(ppid) && Number.isInteger(pgid) ? { pid, ppid, pgid } : null
}

async function linuxTable(): Promise<ProcessEntry[]> {
  const names = (await readdir('/proc')).filter((name) => /^\d+$/.test(name))
  const entries = await Promise.all(
    names.map((name) => readFile(`/proc/${name}/stat`, 'utf8').then(parseStat, () => null)),
  )
  return entries.filter((entry) => entry !== null)
}

async function psTable(): Promise<ProcessEntry[]> {
  const { stdout } = await run('ps', ['-A', '-o', 'pid=,ppid=,pgid='])
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((fields) => fields.length === 3 && fields.every(Number.isInteger))
    .map(([pid, ppid, pgid]) => ({ pid, ppid, pgid }))
}

async function carriesMarker(pid: number, marker: string): Promise<boolean> {
  if (process.platform !== 'linux') return false
  const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '')
  return environ.split('\0').includes(`${RUN_MARKER_VARIABLE}=${marker}`)
}

/** The processes of the command's tree that are alive now (the shell included). */
async function treeMembers(shellPid: number, marker: string): Promise<Set<number>> {
  const table = process.platform === 'linux' ? await linuxTable() : await psTable()
  const members = new Set<number>()
  for (const entry of table) {
    if (entry.pid === process.pid) continue
    if (entry.pid === shellPid || entry.pgid === shellPid || (await carriesMarker(entry.pid, marker))) {
      members.add(entry.pid)
    }
  }
  // Descendants of members, to a fixed point: children may be listed before their parents.
  for (let grew = true; grew; ) {
    grew = false
    for (const entry of table) {
      if (!members.has(entry.pid) && members.has(entry.ppid) && entry.pid !== process.pid) {
        members.add(entry.pid)
        grew = true
      }
    }
  }
  return members
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // Gone already.
  }
}

/**
 * Kills the shell started for a command and every process of its tree. The tree is frozen first (SIGSTOP, repeated
 * until no new member shows up), so nothing can fork or exit mid-way and slip out of view, then killed at once.
 */
export async function killProcessTree(shellPid: number, marker: string): Promise<void> {
  if (process.platform === 'win32') {
    await run('taskkill', ['/pid', String(shellPid), '/T', '/F']).catch(() => {})
    return
  }
  const frozen = new Set<number>()
  for (let round = 0; round < 20; round++) {
    const fresh = [...(await treeMembers(shellPid, marker))].filter((pid) => !frozen.has(pid))
    if (fresh.length === 0) break
    for (const pid of fresh) {
      signal(pid, 'SIGSTOP')
      frozen.add(pid)
    }
  }
  for (const pid of frozen) signal(pid, 'SIGKILL')
  signal(-shellPid, 'SIGKILL')
}
