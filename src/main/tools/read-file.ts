import type { FileHandle } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { z } from 'zod'
import { openFileConfined } from './confined-fs'
import { capOutput } from './output-cap'
import { looksBinary } from './text-file'
import { defineTool, type Tool, type ToolContext, ToolError } from './types'
import { workspaceOf } from './workspace-path'

const lineNumber = z.number().int().min(1)

const args = z
  .object({
    path: z.string().min(1).describe('File path relative to the workspace root.'),
    start_line: lineNumber.optional().describe('First line to return (1-based, inclusive). Default: 1.'),
    end_line: lineNumber
      .optional()
      .describe('Last line to return (1-based, inclusive). Default: the end of the file. Past the end is allowed.'),
  })
  .strict()
  .refine((value) => value.end_line === undefined || value.end_line >= (value.start_line ?? 1), {
    message: 'end_line must not be smaller than start_line.',
    path: ['end_line'],
  })

/** The first bytes of the file: enough to tell text from binary, and all a whole-file read may show. */
async function head(handle: FileHandle, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  const { bytesRead } = await handle.read(buffer, 0, length, 0)
  return buffer.subarray(0, bytesRead)
}

/** Streams lines up to `end`, so reading lines 1–20 of a huge log reads only its start. */
async function readLines(handle: FileHandle, start: number, end: number, signal: AbortSignal) {
  const stream = handle.createReadStream({ encoding: 'utf8', start: 0, autoClose: false, signal })
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
  const selected: string[] = []
  let count = 0
  try {
    for await (const line of lines) {
      count++
      if (count >= start) selected.push(line)
      if (count >= end) break
    }
  } finally {
    lines.close()
    stream.destroy()
  }
  return { selected, lastLine: count }
}

async function readRange(handle: FileHandle, path: string, range: { start: number; end?: number }, ctx: ToolContext) {
  const end = range.end ?? Number.POSITIVE_INFINITY
  const { selected, lastLine } = await readLines(handle, range.start, end, ctx.signal)
  if (range.start > lastLine) {
    throw new ToolError(`start_line ${range.start} is past the end of "${path}", which has ${lastLine} lines.`)
  }
  const text = selected.join('\n')
  const shown = capOutput(text, ctx.outputCap)
  return range.end !== undefined && range.end > lastLine ? `${shown}\n[the file ends at line ${lastLine}]` : shown
}

export const readFile: Tool = defineTool({
  name: 'read_file',
  description:
    'Read a UTF-8 text file in the workspace, whole or a range of lines. Output longer than 64 KB is cut off (with a note); use start_line/end_line to read a long file in parts.',
  args,
  approval: 'auto',
  needsWorkspace: true,
  timeoutMs: 10_000,
  outputCap: 64 * 1024,
  async run({ path, start_line, end_line }, context) {
    const handle = await openFileConfined(workspaceOf(context), path)
    try {
      const { size } = await handle.stat()
      const start = await head(handle, Math.min(size, context.outputCap))
      if (looksBinary(start)) throw new ToolError(`"${path}" looks like a binary file; only text files can be read.`)
      if (start_line === undefined && end_line === undefined) {
        // Only what can be shown is read: a multi-gigabyte log must not be loaded to show 64 KB of it.
        return capOutput(start.toString('utf8'), context.outputCap, size)
      }
      return await readRange(handle, path, { start: start_line ?? 1, end: end_line }, context)
    } finally {
      await handle.close()
    }
  },
})
