/**
 * Find in rendered markdown. A hit is counted in the text a reader sees, not in the markdown source (a word inside
 * a link's URL or split by `**` is not on screen): each block is parsed the way the message view renders it, and
 * the occurrences are taken text node by text node, in document order. The rehype plugin (markdown-marks.ts) marks
 * the very same occurrences, so "3 of 12" and the highlighted hits always agree. The parser is in the markdown chunk.
 */
import type { Element, Root } from 'hast'
import { loadedMarkdown, loadMarkdown } from '../markdown/markdown-loader'
import { blockMayContain, isTextLike } from './markdown-marks'
import { findRanges } from './text-ranges'

/** Blocks of finished messages never change, so their text is parsed once; the cap bounds the memory. */
const MAX_CACHED_BLOCKS = 5_000
const segmentsByBlock = new Map<string, string[]>()

function collectText(parent: Root | Element, into: string[]): void {
  for (const child of parent.children) {
    if (child.type === 'element') collectText(child, into)
    else if (isTextLike(child)) into.push(child.value)
  }
}

/** The visible text of one markdown block, as the text nodes it renders to. */
function markdownSegments(blockText: string): string[] {
  const cached = segmentsByBlock.get(blockText)
  if (cached) return cached
  const processor = loadedMarkdown()?.markdownProcessor
  // parseWithin has parsed every block that may hold the query before any is counted, and it waits for the parser.
  if (!processor) throw new Error('The markdown parser is not loaded yet.')
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

/**
 * Parses blocks until they are all done or `budgetMs` has passed; true when all are done. False, having asked for it,
 * while the markdown parser has not loaded.
 */
export function parseWithin(blockTexts: readonly string[], budgetMs: number): boolean {
  if (blockTexts.length > 0 && !loadedMarkdown()) {
    void loadMarkdown()
    return false
  }
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
