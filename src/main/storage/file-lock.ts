import { open, readFile, unlink } from 'node:fs/promises'
import { fail } from '../../shared/errors'
import { PRIVATE_FILE_MODE } from './durable-files'

export interface FileLock {
  release(): Promise<void>
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', PRIVATE_FILE_MODE)
    try {
      await handle.writeFile(`${process.pid}\n`, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/**
 * One writer per store: the lock file holds the owner's pid. A lock left by a process that is gone (a crash) is
 * taken over; a live owner (another app instance, or another store in this process) makes this throw `busy`.
 */
export async function acquireLock(path: string, what: string): Promise<FileLock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await tryCreate(path)) {
      return {
        async release() {
          if ((await readOwner(path)) === process.pid) await unlink(path).catch(() => undefined)
        },
      }
    }
    const owner = await readOwner(path)
    if (owner !== undefined && isAlive(owner)) {
      fail(
        'busy',
        `${what} are in use by another Codex Desk window (process ${owner}). Close it, then open Codex Desk again.`,
      )
    }
    // The owner is gone, or it died before writing its pid: the lock is stale.
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
  }
  return fail('busy', `${what} are in use by another Codex Desk window.`)
}
