import type { UpdateChunk } from './patch-parser'
import { seekSequence } from './seek-sequence'
import { ToolError } from './types'

/** A file's text as lines without their endings, and the ending to write back (a CRLF file stays CRLF). */
function splitLines(text: string): { lines: string[]; eol: '\n' | '\r\n' } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const lines = text.split('\n').map((line) => (eol === '\r\n' && line.endsWith('\r') ? line.slice(0, -1) : line))
  // The empty piece after the last newline is not a line, as `diff` counts them.
  if (lines.at(-1) === '') lines.pop()
  return { lines, eol }
}

function quoted(lines: string[]): string {
  return lines.map((line) => `  ${line}`).join('\n')
}

interface Replacement {
  at: number
  remove: number
  insert: string[]
}

/** Where each chunk goes, in file order; fails on the first chunk whose lines are not found. */
function locate(lines: string[], chunks: UpdateChunk[], path: string): Replacement[] {
  const replacements: Replacement[] = []
  let cursor = 0
  for (const chunk of chunks) {
    if (chunk.context !== null) {
      const found = seekSequence(lines, [chunk.context], cursor, false)
      if (found < 0) throw new ToolError(`Could not find the context line '${chunk.context}' in ${path}.`)
      cursor = found + 1
    }
    if (chunk.oldLines.length === 0) {
      // Only additions: after the context line when there is one, else at the end of the file.
      replacements.push({ at: chunk.context !== null ? cursor : lines.length, remove: 0, insert: chunk.newLines })
      continue
    }
    let old = chunk.oldLines
    let insert = chunk.newLines
    let found = seekSequence(lines, old, cursor, chunk.endOfFile)
    if (found < 0 && old.at(-1) === '') {
      // A trailing empty line often stands for the file's final newline, which is not a line of its own here.
      old = old.slice(0, -1)
      if (insert.at(-1) === '') insert = insert.slice(0, -1)
      found = seekSequence(lines, old, cursor, chunk.endOfFile)
    }
    if (found < 0) throw new ToolError(`Could not find these lines in ${path}:\n${quoted(chunk.oldLines)}`)
    // A context line the lenient match found keeps the file's own spelling (its indentation, its punctuation).
    const kept = insert.map((line, index) => {
      const oldIndex = chunk.newFromOld[index]
      return oldIndex !== null && oldIndex < old.length ? lines[found + oldIndex] : line
    })
    replacements.push({ at: found, remove: old.length, insert: kept })
    cursor = found + old.length
  }
  return replacements
}

/** The new text of a file after the update chunks; throws a ToolError naming the file and the missing lines. */
export function applyChunks(text: string, chunks: UpdateChunk[], path: string): string {
  const { lines, eol } = splitLines(text)
  const replacements = locate(lines, chunks, path)
  // From the last position to the first, so each splice leaves the positions of the earlier ones valid (an
  // end-of-file addition may come before a later chunk in the patch, hence the sort).
  const lastFirst = replacements.toReversed().toSorted((a, b) => b.at - a.at)
  for (const { at, remove, insert } of lastFirst) lines.splice(at, remove, ...insert)
  return lines.length === 0 ? '' : `${lines.join(eol)}${eol}`
}
