import { randomUUID } from 'node:crypto'
import { constants, type Dirent, existsSync } from 'node:fs'
import { type FileHandle, lstat, mkdir, open, readdir, readlink, realpath, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join, relative, sep } from 'node:path'
import { ToolError } from './types'
import { isInside, resolveInWorkspace } from './workspace-path'

/**
 * Writes that stay inside the workspace even while something swaps its folders for symlinks.
 *
 * Checking a path and then writing to it by name leaves a window in which a folder on the path can become a link
 * to elsewhere. On Linux the folders are therefore opened one by one from the workspace root, each with
 * O_NOFOLLOW, and everything afterwards goes through `/proc/self/fd/N/…`: the kernel resolves that to the folder
 * that was opened, not to whatever its name points at now. Elsewhere (no /proc) each folder's real path is checked
 * right before it is used, which narrows the window without closing it.
 */

const FOLDER_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW
const NEW_FILE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW
const viaProc = process.platform === 'linux' && existsSync('/proc/self/fd')

/** A folder inside the workspace; `path` names that folder for as long as it is open. */
interface OpenFolder {
  path: string
  /** Where the folder is now (it may have been moved since it was opened). */
  currentPath(): Promise<string>
  close(): Promise<void>
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && 'code' in error && codes.includes(String(error.code))
}

async function openByHandle(path: string): Promise<OpenFolder> {
  const handle: FileHandle = await open(path, FOLDER_FLAGS)
  const procPath = `/proc/self/fd/${handle.fd}`
  return { path: procPath, currentPath: () => readlink(procPath), close: () => handle.close() }
}

async function openByName(root: string, path: string): Promise<OpenFolder> {
  const info = await lstat(path)
  if (info.isSymbolicLink() || !info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' })
  const real = await realpath(path)
  if (!isInside(root, real)) throw Object.assign(new Error('outside'), { code: 'ELOOP' })
  return { path: real, currentPath: () => realpath(real), close: async () => {} }
}

function openFolderAt(root: string): Promise<OpenFolder> {
  return viaProc ? openByHandle(root) : openByName(root, root)
}

/**
 * Opens `folder` (a real path inside `root`) one level at a time from `root`, creating missing levels when asked.
 * A level that is a symlink (or turned into one) is refused, whatever it points at.
 */
async function openFolder(root: string, folder: string, create: boolean, requested: string): Promise<OpenFolder> {
  // The workspace root itself has no folder inside the workspace to be written in.
  if (!isInside(root, folder)) throw new ToolError(`"${requested}" is the workspace folder itself, not a file.`)
  const levels = relative(root, folder).split(sep).filter(Boolean)
  let current = await openFolderAt(root)
  try {
    for (const level of levels) {
      const next = join(current.path, level)
      if (create) await mkdir(next).catch((error) => (isErrno(error, 'EEXIST') ? undefined : Promise.reject(error)))
      const opened = viaProc ? await openByHandle(next) : await openByName(root, next)
      await current.close()
      current = opened
    }
    return current
  } catch (error) {
    await current.close()
    if (isErrno(error, 'ELOOP', 'ENOTDIR')) {
      throw new ToolError(`"${requested}" cannot be used: a folder on its path is a link or not a folder.`)
    }
    throw error
  }
}

/** Refuses a target that is a link (it could point anywhere) or a folder, before anything is written. */
async function existingTarget(path: string, requested: string): Promise<{ mode: number } | null> {
  try {
    const info = await lstat(path)
    if (info.isSymbolicLink()) throw new ToolError(`"${requested}" is a symbolic link; it is not written through.`)
    if (!info.isFile()) throw new ToolError(`"${requested}" is not a file.`)
    return { mode: info.mode & 0o7777 }
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

async function writeTemp(folder: OpenFolder, name: string, content: string, mode: number): Promise<string> {
  const temp = join(folder.path, `.${name}.${randomUUID().slice(0, 8)}.tmp`)
  const handle = await open(temp, NEW_FILE_FLAGS, mode)
  try {
    await handle.writeFile(content, 'utf8')
    // Without this a crash right after the rename can leave an empty file where the old one was.
    await handle.datasync()
  } catch (error) {
    await handle.close()
    await unlink(temp).catch(() => {})
    throw error
  }
  await handle.close()
  return temp
}

/**
 * Writes `content` to `requested` atomically (a temporary file in the same folder, then a rename), creating missing
 * folders; never outside the workspace's real path. Returns whether the file is new.
 */
export async function writeFileConfined(workspace: string, requested: string, content: string): Promise<boolean> {
  const root = await realpath(workspace)
  const target = await resolveInWorkspace(root, requested, { mustExist: false })
  const folder = await openFolder(root, dirname(target), true, requested)
  try {
    const name = basename(target)
    const existing = await existingTarget(join(folder.path, name), requested)
    const temp = await writeTemp(folder, name, content, existing?.mode ?? 0o666)
    // The folder may have been moved out of the workspace since it was opened; the file must not land there.
    if (!isInside(root, await folder.currentPath())) {
      await unlink(temp).catch(() => {})
      throw new ToolError(`"${requested}" was not written: its folder left the workspace during the write.`)
    }
    await rename(temp, join(folder.path, name)).catch(async (error) => {
      await unlink(temp).catch(() => {})
      throw error
    })
    return existing === null
  } finally {
    await folder.close()
  }
}

/** Deletes the file at `requested`, which must be a regular file inside the workspace. */
export async function removeFileConfined(workspace: string, requested: string): Promise<void> {
  const root = await realpath(workspace)
  const target = await resolveInWorkspace(root, requested, { mustExist: true })
  const folder = await openFolder(root, dirname(target), false, requested)
  try {
    const path = join(folder.path, basename(target))
    if ((await existingTarget(path, requested)) === null) throw new ToolError(`"${requested}" does not exist.`)
    await unlink(path)
  } finally {
    await folder.close()
  }
}

/** Opens an existing regular file inside the workspace for reading, by the same route as the writes. */
export async function openFileConfined(workspace: string, requested: string): Promise<FileHandle> {
  const root = await realpath(workspace)
  const target = await resolveInWorkspace(root, requested, { mustExist: true })
  const folder = await openFolder(root, dirname(target), false, requested)
  try {
    const path = join(folder.path, basename(target))
    await existingTarget(path, requested)
    return await open(path, constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch (error) {
    if (isErrno(error, 'ELOOP')) throw new ToolError(`"${requested}" is a symbolic link; it is not read through.`)
    throw error
  } finally {
    await folder.close()
  }
}

/** The entries of a folder inside the workspace (the workspace itself included), read by the same route. */
export async function readFolderConfined(workspace: string, requested: string): Promise<Dirent[]> {
  const root = await realpath(workspace)
  const target = await resolveInWorkspace(root, requested, { mustExist: true })
  if (!(await lstat(target)).isDirectory()) throw new ToolError(`"${requested}" is not a folder.`)
  const folder = target === root ? await openFolderAt(root) : await openFolder(root, target, false, requested)
  try {
    return await readdir(folder.path, { withFileTypes: true })
  } finally {
    await folder.close()
  }
}

/**
 * Opens a file a walk of the workspace found (`absolute` is a path inside `root`), refusing a final link and, where
 * /proc tells what was really opened, a file that a swapped folder put outside the workspace. Null when refused.
 */
export async function openFoundFile(root: string, absolute: string): Promise<FileHandle | null> {
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null)
  if (handle === null || !viaProc) return handle
  if (isInside(root, await readlink(`/proc/self/fd/${handle.fd}`))) return handle
  await handle.close()
  return null
}
