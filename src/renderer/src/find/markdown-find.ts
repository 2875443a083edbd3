/**
 * Find in rendered markdown. A hit is counted in the text a reader sees, not in the markdown source (a word inside
 * a link's URL or split by `**` is not on screen): each block is parsed the way the message view renders it, and
 * the occurrences are taken text node by text node, in document order. The rehype plugin marks the very same
 * occurrences, so "3 of 12" and the highlighted hits always agree.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { findRanges, splitAtRanges } from './text-ranges'

/** react-markdown's own options: raw HTML stays in the tree and is shown as text. */
export const REMARK_REHYPE_OPTIONS = { allowDangerousHtml: true } as const

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, REMARK_REHYPE_OPTIONS)

/** Blocks of finished messages never change, so their text is parsed once; the cap bounds the memory. */
const MAX_CACHED_BLOCKS = 5_000
const segmentsByBlock = new Map<string, string[]>()

type TextLike = Extract<RootContent, { type: 'text' | 'raw' }>

function isTextLike(node: RootContent): node is TextLike {
  return node.type === 'text' || node.type === 'raw'
}

function collectText(parent: Root | Element, into: string[]): void {
  for (const child of parent.children) {
    if (child.type === 'element') collectText(child, into)
    else if (isTextLike(child)) into.push(child.value)
  }
}

const collapseSpace = (text: string) => text.replace(/\s+/g, ' ')

/**
 * Whether the text a block renders to can hold the query, told from its source without parsing it (parsing every
 * answer is what makes the first search of a long conversation slow). Rendering only drops markup and changes
 * whitespace, except for escapes and character references (`\*`, `&amp;`), so a block with neither can hold the
 * query only where its source does, spaces aside. Marking asks this too, so the count and the marks stay the same.
 */
export function blockMayContain(blockText: string, query: string): boolean {
  if (query === '') return false
  if (blockText.includes('\\') || blockText.includes('&')) return true
  return findRanges(collapseSpace(blockText), collapseSpace(query)).length > 0
}

/** The visible text of one markdown block, as the text nodes it renders to. */
function markdownSegments(blockText: string): string[] {
  const cached = segmentsByBlock.get(blockText)
  if (cached) return cached
  const segments: string[] = []
  collectText(processor.runSync(processor.parse(blockText)), segments)
  if (segmentsByBlock.size >= MAX_CACHED_BLOCKS) segmentsByBlock.clear()
  segmentsByBlock.set(blockText, segments)
  return segments
}

/** Whether counting the query in this block needs a parse that has not been done yet. */
export function needsParse(blockText: string, query: string): boolean {
  return blockMayContain(blockText, query) && !segmentsByBlock.has(blockText)
}

/** Parses blocks until they are all done or `budgetMs` has passed; true when all are done. */
export function parseWithin(blockTexts: readonly string[], budgetMs: number): boolean {
  const deadline = performance.now() + budgetMs
  for (const blockText of blockTexts) {
    if (performance.now() > deadline) return false
    markdownSegments(blockText)
  }
  return true
}

/** How many times the query occurs in the text a block renders to. */
export function markdownHitCount(blockText: string, query: string): number {
  if (!blockMayContain(blockText, query)) return 0
  return markdownSegments(blockText).reduce((sum, segment) => sum + findRanges(segment, query).length, 0)
}

export interface FindMarksOptions {
  query: string
  /** The occurrence (counted from 0 within the block) that is the current hit, if it is in this block. */
  current: number | null
}

function markElement(text: string, current: boolean): Element {
  return {
    type: 'element',
    tagName: 'mark',
    properties: current ? { className: ['find-hit'], dataFindCurrent: 'true' } : { className: ['find-hit'] },
    children: [{ type: 'text', value: text }],
  }
}

/** A rehype plugin: wraps each occurrence of the query in `<mark>`, the current one marked as such. */
export function rehypeFindMarks({ query, current }: FindMarksOptions) {
  return (tree: Root) => {
    let occurrence = 0
    const mark = (parent: Root | Element): void => {
      parent.children = parent.children.flatMap((child): ElementContent[] => {
        if (child.type === 'element') {
          mark(child)
          return [child]
        }
        if (!isTextLike(child)) return [child as ElementContent]
        const ranges = findRanges(child.value, query)
        if (ranges.length === 0) return [child as ElementContent]
        // A raw HTML node becomes the text react-markdown would show for it, so the hit inside can be marked.
        return splitAtRanges(child.value, ranges).map((piece) =>
          piece.hit ? markElement(piece.text, occurrence++ === current) : { type: 'text', value: piece.text },
        )
      })
    }
    mark(tree)
  }
}
