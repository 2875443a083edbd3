/**
 * Splits markdown into top-level blocks so a streaming message re-parses only its last, still-growing block while
 * finished blocks stay memoized. Blank lines end a block, except inside fenced code, `$$` math, and lists whose
 * next line is indented or another item. A top-level fence or math block always stands alone, because it can
 * interrupt a paragraph. Reference-style link definitions only apply within their own block (a known trade-off).
 */
export interface MarkdownBlock {
  text: string
  /** The block ends inside an unclosed code fence or math block (only possible for the last block). */
  open: boolean
}

const FENCE = /^(\s*)(`{3,}|~{3,})/
const LIST_ITEM = /^\s*(?:[-+*]|\d{1,9}[.)])(?:\s|$)/
const INDENTED = /^(?: {2,}|\t)\S/
const MATH_FENCE = /^\$\$/

interface OpenFence {
  marker: string
  topLevel: boolean
}

function closesFence(line: string, fence: OpenFence): boolean {
  const trimmed = line.trim()
  return trimmed.length >= fence.marker.length && trimmed === fence.marker[0].repeat(trimmed.length)
}

function nextNonBlank(lines: string[], from: number): string | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i].trim() !== '') return lines[i]
  return undefined
}

export function splitMarkdownBlocks(markdown: string): MarkdownBlock[] {
  const lines = markdown.split('\n')
  const blocks: MarkdownBlock[] = []
  let current: string[] = []
  let fence: OpenFence | null = null
  let inMath = false
  let isList = false

  const flush = () => {
    if (current.some((line) => line.trim() !== '')) blocks.push({ text: current.join('\n'), open: false })
    current = []
    isList = false
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (fence) {
      current.push(line)
      if (closesFence(line, fence)) {
        const wasTopLevel = fence.topLevel
        fence = null
        if (wasTopLevel) flush()
      }
      continue
    }
    if (inMath) {
      current.push(line)
      if (line.trimEnd().endsWith('$$')) {
        inMath = false
        flush()
      }
      continue
    }
    const fenceMatch = FENCE.exec(line)
    if (fenceMatch) {
      const topLevel = fenceMatch[1].length === 0
      if (topLevel) flush()
      fence = { marker: fenceMatch[2], topLevel }
      current.push(line)
      continue
    }
    if (MATH_FENCE.test(line)) {
      flush()
      current.push(line)
      const rest = line.trim().slice(2)
      if (rest.endsWith('$$')) flush()
      else inMath = true
      continue
    }
    if (line.trim() === '') {
      const next = nextNonBlank(lines, i + 1)
      const listContinues = isList && next !== undefined && (INDENTED.test(next) || LIST_ITEM.test(next))
      if (listContinues) current.push(line)
      else flush()
      continue
    }
    if (current.length === 0 && LIST_ITEM.test(line)) isList = true
    current.push(line)
  }

  const endsOpen = fence !== null || inMath
  if (current.some((line) => line.trim() !== '')) blocks.push({ text: current.join('\n'), open: endsOpen })
  return blocks
}
