import { memo } from 'react'
import type { MessageRole } from '../../../../../shared/domain'
import { FindText } from '../../../find/FindText'
import { usePartFind } from '../../../find/find-context'
import { MarkdownText } from '../../../markdown/MarkdownText'

interface TextPartProps {
  text: string
  role: MessageRole
  /** Where the part is, so the find's current hit can be told apart. */
  messageId: string
  partIndex: number
}

/** Assistant text is markdown; what the user typed is shown as typed. Either way, the find's hits are marked. */
export const TextPart = memo(function TextPart({ text, role, messageId, partIndex }: TextPartProps) {
  const find = usePartFind(messageId, partIndex)
  if (role === 'user')
    return (
      <div className="user-text">
        <FindText text={text} query={find.query} current={find.current?.occurrence ?? null} />
      </div>
    )
  return <MarkdownText text={text} find={find} />
})
