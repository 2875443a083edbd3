import { appendFile, copyFile, open, rename } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Size and modification time of a file as the index last saw it: a file that no longer matches is re-read. */
export interface FileStamp {
  size: number
  mtimeMs: number
}

export const TEMP_SUFFIX = '.tmp'

/** Appends in one write, so a crash tears at most the last line; `flush` waits for the disk (fsync). */
export async function appendToFile(path: string, text: string, flush: boolean): Promise<FileStamp> {
  const handle = await open(path, 'a')
  try {
    await handle.appendFile(text, 'utf8')
    if (flush) await handle.sync()
    const { size, mtimeMs } = await handle.stat()
    return { size, mtimeMs }
  } finally {
    await handle.close()
  }
}

/** Readers see either the old or the new content, never a mix: the content goes to a temp file renamed over. */
export async function writeAtomically(path: string, content: string, flush = true): Promise<FileStamp> {
  const temp = `${path}${TEMP_SUFFIX}`
  const handle = await open(temp, 'w')
  let stamp: FileStamp
  try {
    await handle.writeFile(content, 'utf8')
    if (flush) await handle.sync()
    const { size, mtimeMs } = await handle.stat()
    stamp = { size, mtimeMs }
  } finally {
    await handle.close()
  }
  await rename(temp, path)
  if (flush) await syncDirectory(dirname(path))
  return stamp
}

/** Keeps `<path>.bak` (flushed) before the caller replaces `path`, so a bad rewrite can be undone by hand. */
export async function keepBackup(path: string): Promise<void> {
  const backup = `${path}.bak`
  await copyFile(path, backup)
  const handle = await open(backup, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function appendDurably(path: string, text: string): Promise<void> {
  await appendFile(path, text, { encoding: 'utf8', flush: true })
}

/** Makes a created or renamed file's directory entry durable; directories cannot be opened on Windows. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
