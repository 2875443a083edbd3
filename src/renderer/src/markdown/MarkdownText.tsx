import { memo, useMemo } from 'react'
import type { PartFind } from '../find/find-context'
import { splitMarkdownBlocks } from './block-splitter'
import { MarkdownBlockView } from './MarkdownBlockView'

const NO_FIND: PartFind = { query: '', current: null }

/** Renders markdown block by block; see MarkdownBlockView for why. */
export const MarkdownText = memo(function MarkdownText({ text, find = NO_FIND }: { text: string; find?: PartFind }) {
  const blocks = useMemo(() => splitMarkdownBlocks(text), [text])
  return (
    <div className="markdown">
      {blocks.map((block, index) => (
        <MarkdownBlockView
          // Blocks only ever grow at the end, so the index is a stable identity for each block.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          key={index}
          text={block.text}
          open={block.open}
          findQuery={find.query}
          currentHit={find.current?.block === index ? find.current.occurrence : null}
        />
      ))}
    </div>
  )
})
