import { lstat, realpath } from 'node:fs/promises'
import { openFileConfined, removeFileConfined, writeFileConfined } from './confined-fs'
import { applyChunks } from './patch-content'
import { type PatchHunk, parsePatch } from './patch-parser'
import { looksBinary } from './text-file'
import { ToolError } from './types'
import { displayPath, resolveInWorkspace } from './workspace-path'

/** What a patch does to one file; paths are relative to the workspace, with forward slashes. */
export type FileChange =
  | { kind: 'add'; path: string; after: string }
  | { kind: 'delete'; path: string; before: string }
  | { kind: 'update'; path: string; before: string; after: string }
  | { kind: 'move'; path: string; movedTo: string; before: string; after: string }

/** A patch is for source files; a bigger file is more likely a mistake than an edit. */
const MAX_PATCHED_BYTES = 10 * 1024 * 1024

async function readText(root: string, path: string): Promise<string> {
  const handle = await openFileConfined(root, path)
  try {
    if ((await handle.stat()).size > MAX_PATCHED_BYTES) throw new ToolError(`${path} is too large to patch.`)
    const bytes = await handle.readFile()
    if (looksBinary(bytes)) throw new ToolError(`${path} looks like a binary file; only text files can be patched.`)
    return bytes.toString('utf8')
  } finally {
    await handle.close()
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  )
}

/** The workspace-relative path of a path the patch names, checked to be inside the workspace. */
async function inWorkspace(root: string, path: string, mustExist: boolean): Promise<{ real: string; shown: string }> {
  const real = await resolveInWorkspace(root, path, { mustExist })
  return { real, shown: displayPath(root, real) }
}

async function planHunk(root: string, hunk: PatchHunk): Promise<FileChange> {
  if (hunk.kind === 'add') {
    const target = await inWorkspace(root, hunk.path, false)
    if (await exists(target.real)) {
      throw new ToolError(`${target.shown} already exists; change it with '*** Update File: ${hunk.path}'.`)
    }
    return { kind: 'add', path: target.shown, after: hunk.content }
  }
  const source = await inWorkspace(root, hunk.path, true)
  const before = await readText(root, source.shown)
  if (hunk.kind === 'delete') return { kind: 'delete', path: source.shown, before }
  const after = applyChunks(before, hunk.chunks, source.shown)
  if (hunk.moveTo === null) return { kind: 'update', path: source.shown, before, after }
  const destination = await inWorkspace(root, hunk.moveTo, false)
  if (destination.real !== source.real && (await exists(destination.real))) {
    throw new ToolError(`Cannot move ${source.shown} to ${destination.shown}: that file already exists.`)
  }
  return { kind: 'move', path: source.shown, movedTo: destination.shown, before, after }
}

function touchedPaths(change: FileChange): string[] {
  return change.kind === 'move' ? [change.path, change.movedTo] : [change.path]
}

/**
 * Reads every file the patch touches and computes its new content, without writing anything: a patch that does
 * not apply fails here, naming the file and the lines it could not find.
 */
export async function planPatch(workspace: string, patchText: string): Promise<FileChange[]> {
  const root = await realpath(workspace)
  const hunks = parsePatch(patchText)
  if (hunks.length === 0) throw new ToolError('The patch changes no files.')
  const changes: FileChange[] = []
  const seen = new Set<string>()
  for (const hunk of hunks) {
    const change = await planHunk(root, hunk)
    for (const path of new Set(touchedPaths(change))) {
      if (seen.has(path)) throw new ToolError(`The patch changes ${path} more than once; put its changes together.`)
      seen.add(path)
    }
    changes.push(change)
  }
  return changes
}

/**
 * Writes planned changes, each file atomically. Should a write still fail (a full disk, a folder swapped for a
 * link meanwhile), the files already changed are put back, so the patch stays all-or-nothing.
 */
export async function commitChanges(workspace: string, changes: FileChange[]): Promise<void> {
  const undo: (() => Promise<unknown>)[] = []
  const write = async (path: string, content: string, previous: string | null) => {
    await writeFileConfined(workspace, path, content)
    undo.push(() =>
      previous === null ? removeFileConfined(workspace, path) : writeFileConfined(workspace, path, previous),
    )
  }
  const remove = async (path: string, previous: string) => {
    await removeFileConfined(workspace, path)
    undo.push(() => writeFileConfined(workspace, path, previous))
  }
  try {
    for (const change of changes) {
      if (change.kind === 'add') await write(change.path, change.after, null)
      else if (change.kind === 'update') await write(change.path, change.after, change.before)
      else if (change.kind === 'delete') await remove(change.path, change.before)
      else if (change.movedTo === change.path) await write(change.path, change.after, change.before)
      else {
        await write(change.movedTo, change.after, null)
        await remove(change.path, change.before)
      }
    }
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => {})
    const reason = error instanceof Error ? error.message : String(error)
    throw new ToolError(`The patch could not be written (${reason}); the files changed so far were restored.`)
  }
}
