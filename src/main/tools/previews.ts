import { lstat, realpath } from 'node:fs/promises'
import type { FilePreview, PatchPreview, WritePreview } from '../../shared/tool-previews'
import { openFileConfined } from './confined-fs'
import { unifiedDiff } from './diff-preview'
import { type FileChange, planPatch } from './patch-plan'
import { looksBinary } from './text-file'
import { displayPath, resolveInWorkspace } from './workspace-path'

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function previewOf(change: FileChange): FilePreview {
  switch (change.kind) {
    case 'add':
      return { path: change.path, kind: 'add', diff: unifiedDiff(null, change.path, '', change.after) }
    case 'delete':
      return { path: change.path, kind: 'delete', diff: unifiedDiff(change.path, null, change.before, '') }
    case 'update':
      return {
        path: change.path,
        kind: 'update',
        diff: unifiedDiff(change.path, change.path, change.before, change.after),
      }
    case 'move':
      return {
        path: change.path,
        kind: 'move',
        movedTo: change.movedTo,
        diff: unifiedDiff(change.path, change.movedTo, change.before, change.after),
      }
  }
}

/** The diff of every file an `apply_patch` call would change, or why the patch would not apply. */
export async function previewPatch(workspace: string, patchText: string): Promise<PatchPreview> {
  try {
    const changes = await planPatch(workspace, patchText)
    return { ok: true, files: changes.map(previewOf) }
  } catch (error) {
    return { ok: false, error: messageOf(error) }
  }
}

/** Past this size the current file is not diffed: reading it whole for a card is not worth it. */
const MAX_DIFFED_BYTES = 10 * 1024 * 1024

type Current = { kind: 'missing' } | { kind: 'text'; text: string } | { kind: 'unshowable'; why: string }

async function currentFile(root: string, target: string, path: string): Promise<Current> {
  if (
    !(await lstat(target).then(
      () => true,
      () => false,
    ))
  )
    return { kind: 'missing' }
  const handle = await openFileConfined(root, path)
  try {
    if ((await handle.stat()).size > MAX_DIFFED_BYTES) return { kind: 'unshowable', why: 'too large' }
    const bytes = await handle.readFile()
    return looksBinary(bytes) ? { kind: 'unshowable', why: 'binary' } : { kind: 'text', text: bytes.toString('utf8') }
  } finally {
    await handle.close()
  }
}

/** The diff a `write_file` call would make (against /dev/null for a new file), or why it would be refused. */
export async function previewWrite(workspace: string, path: string, content: string): Promise<WritePreview> {
  try {
    const root = await realpath(workspace)
    const target = await resolveInWorkspace(root, path, { mustExist: false })
    const shown = displayPath(root, target)
    const current = await currentFile(root, target, path)
    if (current.kind === 'unshowable') {
      return { ok: true, path: shown, isNew: false, diff: `(the current file is ${current.why}; it would be replaced)` }
    }
    const before = current.kind === 'text' ? current.text : null
    const diff = unifiedDiff(before === null ? null : shown, shown, before ?? '', content)
    return { ok: true, path: shown, isNew: before === null, diff }
  } catch (error) {
    return { ok: false, error: messageOf(error) }
  }
}
