/**
 * What the find and the message view agree on: which blocks can hold a query, and the rehype plugin that marks its
 * hits in the very text nodes markdown-find.ts counts them in.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { findRanges, splitAtRanges } from './text-ranges'

/** react-markdown's own options: raw HTML stays in the tree and is shown as text. */
export const REMARK_REHYPE_OPTIONS = { allowDangerousHtml: true } as const

export type TextLike = Extract<RootContent, { type: 'text' | 'raw' }>

export function isTextLike(node: RootContent): node is TextLike {
  return node.type === 'text' || node.type === 'raw'
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
