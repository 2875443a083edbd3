import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createToolRegistry, type ToolResult } from '../../../src/main/tools'

/** A temp folder with a `workspace/` inside it, so tests can put files just outside the workspace too. */
export async function makeSandbox(): Promise<{ root: string; workspace: string; cleanup(): Promise<void> }> {
  // The real path: on macOS the temp folder is itself behind a link, and outputs name real paths.
  const root = await realpath(await mkdtemp(join(tmpdir(), 'codex-desk-tools-')))
  const workspace = join(root, 'workspace')
  await mkdir(workspace)
  return { root, workspace, cleanup: () => rm(root, { recursive: true, force: true }) }
}

const registry = createToolRegistry()

/** Calls a built-in tool the way the turn runner does: by name, with JSON arguments. */
export function runTool(
  workspace: string | null,
  name: string,
  args: Record<string, unknown>,
  signal = new AbortController().signal,
): Promise<ToolResult> {
  return registry.execute({ name, arguments: JSON.stringify(args) }, { workspace, signal })
}
