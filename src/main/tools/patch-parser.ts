import { ToolError } from './types'

/**
 * Parser for the patch format the Codex models are trained to write (openai/codex `codex-rs/apply-patch`):
 *
 *   *** Begin Patch
 *   *** Add File: path        followed by `+` lines
 *   *** Delete File: path
 *   *** Update File: path     optionally `*** Move to: path`, then chunks: `@@` or `@@ context`, then
 *                             ` ` (context), `-` (removed) and `+` (added) lines, optionally `*** End of File`
 *   *** End Patch
 *
 * It is as lenient as the reference: markers may carry surrounding spaces, the whole patch may be wrapped in a
 * `<<'EOF'` heredoc, an empty line inside a chunk counts as an empty context line, and the first chunk of a file may
 * leave out its `@@`.
 */

export interface UpdateChunk {
  /** A line (often a function's signature) the chunk's lines come after; null for a bare `@@`. */
  context: string | null
  oldLines: string[]
  newLines: string[]
  /** For each new line: the index of the old line it repeats (a context line), or null for an added line. */
  newFromOld: (number | null)[]
  /** The old lines are at the end of the file. */
  endOfFile: boolean
}

export type PatchHunk =
  | { kind: 'add'; path: string; content: string }
  | { kind: 'delete'; path: string }
  | { kind: 'update'; path: string; moveTo: string | null; chunks: UpdateChunk[] }

const BEGIN = '*** Begin Patch'
const END = '*** End Patch'
const ADD = '*** Add File: '
const DELETE = '*** Delete File: '
const UPDATE = '*** Update File: '
const MOVE = '*** Move to: '
const END_OF_FILE = '*** End of File'

function invalidHunk(lineNumber: number, message: string): ToolError {
  return new ToolError(`Invalid patch hunk on line ${lineNumber}: ${message}`)
}

/** The lines between the markers, after unwrapping a heredoc the model may have copied from a shell example. */
function body(text: string): string[] {
  let lines = text.trim().split('\n')
  lines = lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
  const heredoc = ['<<EOF', "<<'EOF'", '<<"EOF"']
  if (lines.length >= 4 && heredoc.includes(lines[0]) && lines.at(-1)?.endsWith('EOF')) lines = lines.slice(1, -1)
  if (lines[0]?.trim() !== BEGIN) throw new ToolError(`Invalid patch: the first line must be '${BEGIN}'.`)
  if (lines.length < 2 || lines.at(-1)?.trim() !== END) {
    throw new ToolError(`Invalid patch: the last line must be '${END}'.`)
  }
  return lines.slice(1, -1)
}

/** Line `at` of the body is line `at + 2` of the patch (after `*** Begin Patch`), as errors count them. */
const lineNumber = (at: number) => at + 2

/** Parses the chunk of an update that starts at `at`; returns it and how many lines it took. */
function parseChunk(lines: string[], at: number, mayOmitHeader: boolean): [UpdateChunk, number] {
  let context: string | null = null
  let start = at
  if (lines[at] === '@@') start++
  else if (lines[at].startsWith('@@ ')) {
    context = lines[at].slice(3)
    start++
  } else if (!mayOmitHeader) {
    throw invalidHunk(lineNumber(at), `expected the chunk to start with a @@ line, got '${lines[at]}'.`)
  }
  if (start >= lines.length) throw invalidHunk(lineNumber(start), 'the chunk has no lines.')
  const chunk: UpdateChunk = { context, oldLines: [], newLines: [], newFromOld: [], endOfFile: false }
  const keep = (text: string) => {
    chunk.newFromOld.push(chunk.oldLines.length)
    chunk.oldLines.push(text)
    chunk.newLines.push(text)
  }
  const add = (text: string) => {
    chunk.newFromOld.push(null)
    chunk.newLines.push(text)
  }
  let next = start
  for (; next < lines.length; next++) {
    const line = lines[next]
    if (line === END_OF_FILE) {
      if (next === start) throw invalidHunk(lineNumber(next), 'the chunk has no lines.')
      chunk.endOfFile = true
      next++
      break
    }
    const marker = line[0]
    const rest = line.slice(1)
    if (marker === undefined) keep('')
    else if (marker === ' ') keep(rest)
    else if (marker === '-') chunk.oldLines.push(rest)
    else if (marker === '+') add(rest)
    else if (next === start) {
      throw invalidHunk(
        lineNumber(next),
        `unexpected line '${line}'. Every line of a chunk starts with ' ' (context), '+' (added) or '-' (removed).`,
      )
    } else break // the next chunk or file starts here
  }
  return [chunk, next - at]
}

function parseUpdate(path: string, lines: string[], at: number): [PatchHunk, number] {
  let next = at + 1
  let moveTo: string | null = null
  if (lines[next]?.startsWith(MOVE)) {
    moveTo = lines[next].slice(MOVE.length)
    next++
  }
  const chunks: UpdateChunk[] = []
  while (next < lines.length) {
    const line = lines[next]
    if (line.trim() === '') {
      next++
      continue
    }
    if (line.startsWith('*')) break
    const [chunk, taken] = parseChunk(lines, next, chunks.length === 0)
    chunks.push(chunk)
    next += taken
  }
  if (chunks.length === 0) throw invalidHunk(lineNumber(at), `the update of '${path}' has no changes.`)
  return [{ kind: 'update', path, moveTo, chunks }, next - at]
}

function parseHunk(lines: string[], at: number): [PatchHunk, number] {
  const header = lines[at].trim()
  if (header.startsWith(ADD)) {
    let next = at + 1
    while (next < lines.length && lines[next].startsWith('+')) next++
    const content = lines
      .slice(at + 1, next)
      .map((line) => `${line.slice(1)}\n`)
      .join('')
    return [{ kind: 'add', path: header.slice(ADD.length), content }, next - at]
  }
  if (header.startsWith(DELETE)) return [{ kind: 'delete', path: header.slice(DELETE.length) }, 1]
  if (header.startsWith(UPDATE)) return parseUpdate(header.slice(UPDATE.length), lines, at)
  throw invalidHunk(
    lineNumber(at),
    `'${header}' is not a valid file header. Valid headers: '${ADD}{path}', '${DELETE}{path}', '${UPDATE}{path}'.`,
  )
}

export function parsePatch(text: string): PatchHunk[] {
  const lines = body(text)
  const hunks: PatchHunk[] = []
  let at = 0
  while (at < lines.length) {
    const [hunk, taken] = parseHunk(lines, at)
    hunks.push(hunk)
    at += taken
  }
  return hunks
}
