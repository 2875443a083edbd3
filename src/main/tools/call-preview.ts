import type { ToolCallPreview } from '../../shared/tool-previews'
import { applyPatchArgs } from './apply-patch'
import { previewPatch, previewWrite } from './previews'
import { runCommandArgs, timeoutSecondsOf } from './run-command'
import { writeFileArgs } from './write-file'

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function invalid(name: string): ToolCallPreview {
  return { kind: 'invalid', error: `The arguments of this ${name} call are not valid; it will fail without running.` }
}

/** The preview for a call the model made: a diff for a write or a patch, the command line and folder for a command. */
export async function previewToolCall(
  workspace: string | null,
  call: { name: string; arguments: string },
): Promise<ToolCallPreview> {
  if (!['write_file', 'apply_patch', 'run_command'].includes(call.name)) return { kind: 'none' }
  if (workspace === null) return { kind: 'invalid', error: `${call.name} needs a workspace folder.` }
  const raw = parseJson(call.arguments)
  switch (call.name) {
    case 'write_file': {
      const args = writeFileArgs.safeParse(raw)
      if (!args.success) return invalid(call.name)
      return { kind: 'write', preview: await previewWrite(workspace, args.data.path, args.data.content) }
    }
    case 'apply_patch': {
      const args = applyPatchArgs.safeParse(raw)
      if (!args.success) return invalid(call.name)
      return { kind: 'patch', preview: await previewPatch(workspace, args.data.input) }
    }
    default: {
      const args = runCommandArgs.safeParse(raw)
      if (!args.success) return invalid(call.name)
      return {
        kind: 'command',
        command: args.data.command,
        cwd: workspace,
        timeoutSeconds: timeoutSecondsOf(args.data),
      }
    }
  }
}
