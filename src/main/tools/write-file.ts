import { z } from 'zod'
import { writeFileConfined } from './confined-fs'
import { defineTool, type Tool } from './types'
import { workspaceOf } from './workspace-path'

export const writeFileArgs = z
  .object({
    path: z.string().min(1).describe('File path relative to the workspace root.'),
    content: z.string().describe('The complete new content of the file.'),
  })
  .strict()

export const writeFile: Tool = defineTool({
  name: 'write_file',
  description:
    'Create or overwrite a UTF-8 text file in the workspace with the given content (missing folders are created). The user may be asked to approve it first. To change part of an existing file, prefer apply_patch.',
  args: writeFileArgs,
  approval: 'ask',
  needsWorkspace: true,
  timeoutMs: 10_000,
  outputCap: 4 * 1024,
  async run({ path, content }, context) {
    const created = await writeFileConfined(workspaceOf(context), path, content)
    return `${created ? 'Created' : 'Wrote'} ${path} (${Buffer.byteLength(content)} bytes).`
  },
})
