import { memo } from 'react'
import { MarkdownText } from '../../../markdown/MarkdownText'

/** The model's reasoning summary, collapsed unless the user wants to read it. */
export const ReasoningPart = memo(function ReasoningPart({
  summary,
  streaming,
}: {
  summary: string[]
  streaming: boolean
}) {
  const paragraphs = summary.filter((paragraph) => paragraph.trim() !== '')
  return (
    <details className="reasoning" data-testid="reasoning">
      <summary>{streaming ? 'Thinking…' : 'Reasoning'}</summary>
      {paragraphs.length === 0 ? (
        <p className="muted">No summary.</p>
      ) : (
        paragraphs.map((paragraph, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: summary paragraphs only grow at the end.
          <MarkdownText key={index} text={paragraph} />
        ))
      )}
    </details>
  )
})
