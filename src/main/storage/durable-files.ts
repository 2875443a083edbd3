import { appendFile, chmod, copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** Conversations are private chats: only the user who owns the data folder may read them. */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIR_MODE = 0o700

/** Size and modification time of a file as the index last saw it: a file that no longer matches is re-read. */
export interface FileStamp {
  size: number
  mtimeMs: number
}

export const TEMP_SUFFIX = '.tmp'

/**
 * When an append reaches the disk. `wait`: it returns once the disk has it (fsync). `start`: it returns once the
 * text is written, with the fsync started; the text then survives the app crashing, and the disk has it a moment
 * later, as with `wait` (what is left to fail then is the machine, in that moment). `none`: no fsync.
 */
export type AppendFlush = 'wait' | 'start' | 'none'

/** Appends in one write, so a crash tears at most the last line. `onLateFlushError` hears a `start` fsync fail. */
export async function appendToFile(
  path: string,
  text: string,
  flush: AppendFlush,
  onLateFlushError: (error: unknown) => void = () => {},
): Promise<FileStamp> {
  const handle = await open(path, 'a', PRIVATE_FILE_MODE)
  let closeLater = false
  try {
    await handle.appendFile(text, 'utf8')
    if (flush === 'wait') await handle.sync()
    const { size, mtimeMs } = await handle.stat()
    if (flush === 'start') {
      closeLater = true
      void handle
        .sync()
        .catch(onLateFlushError)
        .finally(() => handle.close().catch(onLateFlushError))
    }
    return { size, mtimeMs }
  } finally {
    if (!closeLater) await handle.close()
  }
}

/** Readers see either the old or the new content, never a mix: the content goes to a temp file renamed over. */
export async function writeAtomically(path: string, content: string, flush = true): Promise<FileStamp> {
  const temp = `${path}${TEMP_SUFFIX}`
  const handle = await open(temp, 'w', PRIVATE_FILE_MODE)
  let stamp: FileStamp
  try {
    try {
      await handle.writeFile(content, 'utf8')
      if (flush) await handle.sync()
      const { size, mtimeMs } = await handle.stat()
      stamp = { size, mtimeMs }
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    // Half a file left beside the target would look like a copy of it (an export's folder is the person's own).
    await rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
  if (flush) await syncDirectory(dirname(path))
  return stamp
}

/** Keeps `<path>.bak` (flushed) before the caller replaces `path`, so a bad rewrite can be undone by hand. */
export async function keepBackup(path: string): Promise<void> {
  const backup = `${path}.bak`
  await copyFile(path, backup)
  await chmod(backup, PRIVATE_FILE_MODE)
  const handle = await open(backup, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function appendDurably(path: string, text: string): Promise<void> {
  await appendFile(path, text, { encoding: 'utf8', flush: true, mode: PRIVATE_FILE_MODE })
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

/**
 * Creates the folder readable by its owner only. A folder an older version left open to others (0755, files 0644)
 * is tightened once, with everything in it; after that the folder's own mode says there is nothing to do.
 */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  if (process.platform === 'win32') return
  if (((await stat(dir)).mode & 0o077) === 0) return
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) await chmod(join(dir, entry.name), PRIVATE_FILE_MODE)
  }
  await chmod(dir, PRIVATE_DIR_MODE)
}
