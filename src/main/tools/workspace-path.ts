import { lstat, realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { type ToolContext, ToolError } from './types'

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/** The workspace a tool works in; the registry never runs a workspace tool without one, this is the type's proof. */
export function workspaceOf(context: ToolContext): string {
  if (context.workspace === null) throw new ToolError('No workspace folder is chosen.')
  return context.workspace
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch {
    return false
  }
}

/**
 * Resolves a path the model gave (relative to the workspace, or absolute) to a real path inside the workspace.
 * Checking the real path of the deepest existing ancestor catches both `..` escapes and symlinks pointing out;
 * the parts below it do not exist yet, so they cannot be links. This is a check at one moment: writers must not
 * trust it alone (see confined-fs.ts).
 */
export async function resolveInWorkspace(
  workspace: string,
  requested: string,
  options: { mustExist: boolean },
): Promise<string> {
  if (requested.includes('\0')) throw new ToolError(`"${requested}" contains a NUL character.`)
  const root = await realpath(workspace)
  let existing = resolve(root, requested)
  const missing: string[] = []
  while (!(await exists(existing))) {
    const parent = dirname(existing)
    if (parent === existing) break
    missing.unshift(basename(existing))
    existing = parent
  }
  if (missing.length > 0 && options.mustExist) throw new ToolError(`"${requested}" does not exist.`)
  const real = await realpath(existing).catch(() => {
    throw new ToolError(`"${requested}" is a link that points nowhere.`)
  })
  if (!isInside(root, real)) throw new ToolError(`"${requested}" is outside the workspace.`)
  return join(real, ...missing)
}

/** How a path inside the workspace is shown to the model: relative, with forward slashes on every platform. */
export function displayPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/') || '.'
}
