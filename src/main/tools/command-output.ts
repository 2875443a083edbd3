import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'

/** Room kept for the section headers and truncation notes, so the rendered output stays within the cap. */
const FRAME_ROOM = 512

interface Stream {
  name: 'stdout' | 'stderr'
  kept: string
  total: number
}

export interface CommandOutput {
  attach(stdout: Readable, stderr: Readable): void
  /** Both streams, each in its own section, sharing the cap; what was cut is said. */
  render(): string
}

/** How many characters each stream may show: the quieter one keeps all it has, the other gets the rest. */
function shares(out: Stream, err: Stream, budget: number): [number, number] {
  const half = Math.floor(budget / 2)
  if (out.total + err.total <= budget) return [out.total, err.total]
  if (err.total <= half) return [budget - err.total, err.total]
  if (out.total <= half) return [out.total, budget - out.total]
  return [half, budget - half]
}

function section(stream: Stream, share: number): string {
  if (stream.total === 0) return ''
  const text = stream.kept.slice(0, share)
  const ending = text.endsWith('\n') ? '' : '\n'
  const cut =
    share < stream.total ? `[${stream.name} truncated: showing the first ${share} of ${stream.total} characters]\n` : ''
  return `--- ${stream.name} ---\n${text}${ending}${cut}`
}

/**
 * Collects a command's stdout and stderr as text. Only the first `cap` characters of each are kept, however much
 * the command prints, so a runaway command cannot fill the memory.
 */
export function captureOutput(cap: number): CommandOutput {
  const out: Stream = { name: 'stdout', kept: '', total: 0 }
  const err: Stream = { name: 'stderr', kept: '', total: 0 }
  const collect = (readable: Readable, stream: Stream) => {
    // A multi-byte character split across two chunks must not turn into two replacement characters.
    const decoder = new StringDecoder('utf8')
    const add = (text: string) => {
      stream.total += text.length
      if (stream.kept.length < cap) stream.kept += text.slice(0, cap - stream.kept.length)
    }
    readable.on('data', (chunk: Buffer) => add(decoder.write(chunk)))
    readable.on('end', () => add(decoder.end()))
  }
  return {
    attach(stdout, stderr) {
      collect(stdout, out)
      collect(stderr, err)
    },
    render() {
      const [outShare, errShare] = shares(out, err, Math.max(cap - FRAME_ROOM, 0))
      return section(out, outShare) + section(err, errShare) || '(no output)'
    },
  }
}
