import { memo, useMemo } from 'react'
import type { PartFind } from '../find/find-context'
import { splitMarkdownBlocks } from './block-splitter'
import { useMarkdown } from './markdown-loader'

const NO_FIND: PartFind = { query: '', current: null }

/**
 * Renders markdown block by block; see MarkdownBlockView for why. In the moment before the markdown chunk has
 * loaded (it is asked for right after the first paint) the text shows as written.
 */
export const MarkdownText = memo(function MarkdownText({ text, find = NO_FIND }: { text: string; find?: PartFind }) {
  const blocks = useMemo(() => splitMarkdownBlocks(text), [text])
  const markdown = useMarkdown()
  if (!markdown) {
    return (
      <div className="markdown">
        <p className="markdown-loading">{text}</p>
      </div>
    )
  }
  const { MarkdownBlockView } = markdown
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
