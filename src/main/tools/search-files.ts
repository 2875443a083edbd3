import { realpath, stat } from 'node:fs/promises'
import picomatch from 'picomatch'
import { z } from 'zod'
import { openFoundFile } from './confined-fs'
import { looksBinary } from './text-file'
import { defineTool, type Tool, ToolError } from './types'
import { displayPath, resolveInWorkspace, workspaceOf } from './workspace-path'
import { walkWorkspace } from './workspace-walk'

/** Bigger files are generated data or logs far more often than code; skipping them keeps a search quick. */
const MAX_FILE_BYTES = 1024 * 1024
const MAX_FILES = 50_000
const MAX_LINE_CHARS = 240

const args = z
  .object({
    pattern: z.string().min(1).describe('The text to look for, or a regular expression when regex is true.'),
    regex: z
      .boolean()
      .optional()
      .describe(
        'Treat pattern as a JavaScript regular expression (matched against one line at a time). Default: false.',
      ),
    case_sensitive: z.boolean().optional().describe('Match upper and lower case exactly. Default: false.'),
    path: z
      .string()
      .min(1)
      .optional()
      .describe('Folder (or file) to search, relative to the workspace root. Default: ".".'),
    glob: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Only search files whose workspace-relative path matches this glob, e.g. "*.ts" or "src/**/*.{js,jsx}". A glob without "/" matches file names in any folder.',
      ),
    max_results: z.number().int().min(1).max(500).optional().describe('Most matching lines to return. Default: 100.'),
  })
  .strict()

type Args = z.output<typeof args>

function lineMatcher({ pattern, regex, case_sensitive }: Args): (line: string) => boolean {
  if (regex) {
    let compiled: RegExp
    try {
      compiled = new RegExp(pattern, case_sensitive ? '' : 'i')
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new ToolError(`The pattern is not a valid regular expression: ${reason}`)
    }
    return (line) => compiled.test(line)
  }
  if (case_sensitive) return (line) => line.includes(pattern)
  const wanted = pattern.toLowerCase()
  return (line) => line.toLowerCase().includes(wanted)
}

function shown(line: string): string {
  const trimmed = line.trim()
  return trimmed.length > MAX_LINE_CHARS ? `${trimmed.slice(0, MAX_LINE_CHARS)}…` : trimmed
}

/** The file's text, or null for one that is skipped (binary, or gone or refused since the walk saw it). */
async function textOf(root: string, absolute: string): Promise<string | null> {
  const handle = await openFoundFile(root, absolute)
  if (handle === null) return null
  try {
    const bytes = await handle.readFile()
    return looksBinary(bytes) ? null : bytes.toString('utf8')
  } finally {
    await handle.close()
  }
}

export const searchFiles: Tool = defineTool({
  name: 'search_files',
  description:
    'Search the text files of the workspace for a string or regular expression, like grep. Files ignored by .gitignore, binary files and files over 1 MB are skipped. Returns one "path:line: text" line per match.',
  args,
  approval: 'auto',
  needsWorkspace: true,
  timeoutMs: 30_000,
  outputCap: 64 * 1024,
  async run(input, context) {
    const root = await realpath(workspaceOf(context))
    const start = await resolveInWorkspace(root, input.path ?? '.', { mustExist: true })
    const matches = lineMatcher(input)
    const inGlob = input.glob ? picomatch(input.glob, { dot: true, basename: !input.glob.includes('/') }) : () => true
    const limit = input.max_results ?? 100
    const results: string[] = []
    const notes: string[] = []
    let files = 0
    let huge = 0
    const found = (await stat(start)).isFile() ? [{ path: displayPath(root, start), absolute: start }] : null
    for await (const file of found ?? walkWorkspace(root, start, context.signal)) {
      if (!inGlob(file.path)) continue
      if (++files > MAX_FILES) {
        notes.push(`[stopped after ${MAX_FILES} files; narrow the search with path or glob]`)
        break
      }
      const size = (await stat(file.absolute).catch(() => null))?.size ?? 0
      if (size > MAX_FILE_BYTES) {
        huge++
        continue
      }
      const text = await textOf(root, file.absolute)
      if (text === null) continue
      const lines = text.split('\n')
      for (let index = 0; index < lines.length && results.length <= limit; index++) {
        if (matches(lines[index])) results.push(`${file.path}:${index + 1}: ${shown(lines[index])}`)
      }
      if (results.length > limit) break
    }
    if (results.length > limit) {
      results.length = limit
      notes.unshift(`[showing the first ${limit} matches; there are more: narrow the search or raise max_results]`)
    }
    if (huge > 0) notes.push(`[${huge} file(s) over 1 MB were not searched]`)
    return [...(results.length > 0 ? results : ['No matches.']), ...notes].join('\n')
  },
})
