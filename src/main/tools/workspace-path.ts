import { lstat, realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ToolError } from './types'

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
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
 * the parts below it do not exist yet, so they cannot be links.
 */
export async function resolveInWorkspace(
  workspace: string,
  requested: string,
  options: { mustExist: boolean },
): Promise<string> {
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
  const real = await realpath(existing)
  if (!isInside(root, real)) throw new ToolError(`"${requested}" is outside the workspace.`)
  return join(real, ...missing)
}
