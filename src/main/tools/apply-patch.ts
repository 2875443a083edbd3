import { z } from 'zod'
import { commitChanges, type FileChange, planPatch } from './patch-plan'
import { defineTool, type Tool, ToolError } from './types'
import { workspaceOf } from './workspace-path'

export const applyPatchArgs = z
  .object({
    input: z
      .string()
      .min(1)
      .describe("The whole patch, from '*** Begin Patch' to '*** End Patch', in the format described above."),
  })
  .strict()

const DESCRIPTION = `Edit files in the workspace with a patch. The user may be asked to approve it first; it applies whole or not at all.
Format:
*** Begin Patch
*** Add File: path/new.txt
+every line of the new file, each starting with +
*** Update File: path/existing.py
*** Move to: path/renamed.py   (optional)
@@ def a_function_or_class_line():   (optional: a line the change comes after)
 context line (starts with a space; about 3 before and after each change)
-removed line
+added line
*** End of File   (optional: the lines above end the file)
*** Delete File: path/old.txt
*** End Patch
Paths are relative to the workspace root.`

function summaryLine(change: FileChange): string {
  if (change.kind === 'add') return `A ${change.path}`
  if (change.kind === 'delete') return `D ${change.path}`
  if (change.kind === 'move') return `M ${change.movedTo} (moved from ${change.path})`
  return `M ${change.path}`
}

export const applyPatch: Tool = defineTool({
  name: 'apply_patch',
  description: DESCRIPTION,
  args: applyPatchArgs,
  approval: 'ask',
  needsWorkspace: true,
  timeoutMs: 30_000,
  outputCap: 16 * 1024,
  async run({ input }, context) {
    const workspace = workspaceOf(context)
    const changes = await planPatch(workspace, input).catch((error) => {
      if (!(error instanceof ToolError)) throw error
      throw new ToolError(`The patch was not applied; no file was changed. ${error.message}`)
    })
    context.signal.throwIfAborted()
    await commitChanges(workspace, changes)
    return `Success. Updated the following files:\n${changes.map(summaryLine).join('\n')}`
  },
})
