import { memo } from 'react'
import type { MessageRole } from '../../../../../shared/domain'
import { MarkdownText } from '../../../markdown/MarkdownText'

/** Assistant text is markdown; what the user typed is shown as typed. */
export const TextPart = memo(function TextPart({ text, role }: { text: string; role: MessageRole }) {
  if (role === 'user') return <div className="user-text">{text}</div>
  return <MarkdownText text={text} />
})
