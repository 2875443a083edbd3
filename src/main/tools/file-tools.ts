import { mkdir, open, readdir, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { capOutput } from './output-cap'
import { defineTool, type Tool, type ToolContext, ToolError } from './types'
import { resolveInWorkspace } from './workspace-path'

const FILE_TIMEOUT_MS = 10_000
const OUTPUT_CAP = 64 * 1024
const MAX_ENTRIES = 1_000

function workspaceOf(context: ToolContext): string {
  if (context.workspace === null) throw new ToolError('No workspace folder is chosen in Settings.')
  return context.workspace
}

const listDirectory = defineTool({
  name: 'list_directory',
  description:
    'List the entries of a folder in the workspace. Folders end with "/". Paths are relative to the workspace root.',
  args: z
    .object({ path: z.string().describe('Folder path relative to the workspace root; "." for the root.') })
    .strict(),
  approval: 'auto',
  needsWorkspace: true,
  timeoutMs: FILE_TIMEOUT_MS,
  outputCap: OUTPUT_CAP,
  async run({ path }, context) {
    const folder = await resolveInWorkspace(workspaceOf(context), path, { mustExist: true })
    if (!(await stat(folder)).isDirectory()) throw new ToolError(`"${path}" is not a folder.`)
    const entries = await readdir(folder, { withFileTypes: true })
    const names = entries
      .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
      .sort((a, b) => a.localeCompare(b))
    if (names.length === 0) return '(empty folder)'
    const shown = names.slice(0, MAX_ENTRIES).join('\n')
    return names.length > MAX_ENTRIES ? `${shown}\n[${names.length - MAX_ENTRIES} more entries not shown]` : shown
  },
})

const readFile = defineTool({
  name: 'read_file',
  description: 'Read a UTF-8 text file in the workspace. Long files are cut off after 64 KB.',
  args: z.object({ path: z.string().min(1).describe('File path relative to the workspace root.') }).strict(),
  approval: 'auto',
  needsWorkspace: true,
  timeoutMs: FILE_TIMEOUT_MS,
  outputCap: OUTPUT_CAP,
  async run({ path }, context) {
    const file = await resolveInWorkspace(workspaceOf(context), path, { mustExist: true })
    const handle = await open(file, 'r')
    try {
      const info = await handle.stat()
      if (!info.isFile()) throw new ToolError(`"${path}" is not a file.`)
      const size = info.size
      // Read only what can be shown: a multi-gigabyte log must not be loaded to show 64 KB of it.
      const buffer = Buffer.alloc(Math.min(size, context.outputCap))
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
      return capOutput(buffer.subarray(0, bytesRead).toString('utf8'), context.outputCap, size)
    } finally {
      await handle.close()
    }
  },
})

const writeFileTool = defineTool({
  name: 'write_file',
  description:
    'Create or overwrite a UTF-8 text file in the workspace (missing folders are created). The user approves each write.',
  args: z
    .object({
      path: z.string().min(1).describe('File path relative to the workspace root.'),
      content: z.string().describe('The complete new content of the file.'),
    })
    .strict(),
  approval: 'ask',
  needsWorkspace: true,
  timeoutMs: FILE_TIMEOUT_MS,
  outputCap: OUTPUT_CAP,
  async run({ path, content }, context) {
    const file = await resolveInWorkspace(workspaceOf(context), path, { mustExist: false })
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, content, { encoding: 'utf8', signal: context.signal })
    return `Wrote ${Buffer.byteLength(content)} bytes to ${path}.`
  },
})

export const fileTools: readonly Tool[] = [listDirectory, readFile, writeFileTool]
