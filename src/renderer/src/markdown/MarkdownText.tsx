import { memo, useMemo } from 'react'
import { splitMarkdownBlocks } from './block-splitter'
import { MarkdownBlockView } from './MarkdownBlockView'

/** Renders markdown block by block; see MarkdownBlockView for why. */
export const MarkdownText = memo(function MarkdownText({ text }: { text: string }) {
  const blocks = useMemo(() => splitMarkdownBlocks(text), [text])
  return (
    <div className="markdown">
      {blocks.map((block, index) => (
        // Blocks only ever grow at the end, so the index is a stable identity for each block.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        <MarkdownBlockView key={index} text={block.text} open={block.open} />
      ))}
    </div>
  )
})
