/** A find query's occurrences in a piece of text: the one matching rule the count and the highlights share. */

let cached: { query: string; pattern: RegExp } | null = null

function patternFor(query: string): RegExp {
  if (cached?.query !== query) {
    const escaped = query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    cached = { query, pattern: new RegExp(escaped, 'giu') }
  }
  return cached.pattern
}

/** Where `query` occurs in `text`, ignoring case, as [start, end) pairs that do not overlap; none for an empty query. */
export function findRanges(text: string, query: string): Array<[number, number]> {
  if (query === '') return []
  const pattern = patternFor(query)
  pattern.lastIndex = 0
  return Array.from(text.matchAll(pattern), (match) => [match.index, match.index + match[0].length])
}

export interface TextPiece {
  text: string
  /** Where the piece starts in the whole text. */
  start: number
  hit: boolean
}

/** `text` cut into the pieces between and at the occurrences, each piece saying whether it is one. */
export function splitAtRanges(text: string, ranges: Array<[number, number]>): TextPiece[] {
  const pieces: TextPiece[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start > at) pieces.push({ text: text.slice(at, start), start: at, hit: false })
    pieces.push({ text: text.slice(start, end), start, hit: true })
    at = end
  }
  if (at < text.length) pieces.push({ text: text.slice(at), start: at, hit: false })
  return pieces
}
