import { findRanges, splitAtRanges } from './text-ranges'

interface FindTextProps {
  text: string
  query: string
  /** The occurrence that is the current hit, if it is in this text. */
  current: number | null
}

/** Plain text with the find's hits marked, as the markdown plugin marks them in rendered markdown. */
export function FindText({ text, query, current }: FindTextProps) {
  const ranges = findRanges(text, query)
  if (ranges.length === 0) return text
  let occurrence = 0
  return splitAtRanges(text, ranges).map((piece) =>
    piece.hit ? (
      <mark key={piece.start} className="find-hit" data-find-current={occurrence++ === current ? 'true' : undefined}>
        {piece.text}
      </mark>
    ) : (
      <span key={piece.start}>{piece.text}</span>
    ),
  )
}
