import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A temp folder with a `workspace/` inside it, so tests can put files just outside the workspace too. */
export async function makeSandbox(): Promise<{ root: string; workspace: string; cleanup(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'codex-desk-tools-'))
  const workspace = join(root, 'workspace')
  await mkdir(workspace)
  return { root, workspace, cleanup: () => rm(root, { recursive: true, force: true }) }
}
