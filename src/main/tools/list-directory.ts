import { z } from 'zod'
import { readFolderConfined } from './confined-fs'
import { defineTool, type Tool } from './types'
import { workspaceOf } from './workspace-path'

const MAX_ENTRIES = 1_000

export const listDirectory: Tool = defineTool({
  name: 'list_directory',
  description:
    'List the entries of a folder in the workspace, sorted by name. Folders end with "/", symbolic links with "@" (links are not followed by the file tools).',
  args: z
    .object({ path: z.string().min(1).describe('Folder path relative to the workspace root; "." for the root.') })
    .strict(),
  approval: 'auto',
  needsWorkspace: true,
  timeoutMs: 10_000,
  outputCap: 64 * 1024,
  async run({ path }, context) {
    const entries = await readFolderConfined(workspaceOf(context), path)
    const names = entries
      .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.isSymbolicLink() ? `${entry.name}@` : entry.name))
      .sort((a, b) => a.localeCompare(b))
    if (names.length === 0) return '(empty folder)'
    const shown = names.slice(0, MAX_ENTRIES).join('\n')
    return names.length > MAX_ENTRIES ? `${shown}\n[${names.length - MAX_ENTRIES} more entries not shown]` : shown
  },
})
