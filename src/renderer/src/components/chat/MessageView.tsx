import { memo, useEffect, useState } from 'react'
import type { ChatMessage, MessagePart, TokenUsage } from '../../../../shared/domain'
import { useTimeReached } from '../../chat/use-time-reached'
import { formatCount } from '../../format'
import { useChatStore } from '../../stores/chat-store'
import { useUiStore } from '../../stores/ui-store'
import { CopyButton } from '../common/CopyButton'
import { ErrorDetails } from './ErrorDetails'
import { MessageEditor } from './MessageEditor'
import { ReasoningPart } from './parts/ReasoningPart'
import { TextPart } from './parts/TextPart'
import { ToolCallPart } from './parts/ToolCallPart'

interface MessageViewProps {
  message: ChatMessage
  /** The conversation's last message; only it can be regenerated or retried. */
  isLast: boolean
  /** A reply is streaming in this conversation, so nothing may start another turn. */
  busy: boolean
}

/** `cancelled` and `incomplete` answers are finished answers with a note, as the UI contract asks. */
function displayState(message: ChatMessage): 'done' | 'streaming' | 'error' {
  if (message.state === 'streaming' || message.state === 'error') return message.state
  return 'done'
}

function plainText(parts: MessagePart[]): string {
  return parts
    .flatMap((part) => (part.kind === 'text' ? [part.text] : []))
    .join('\n\n')
    .trim()
}

function UsageNote({ usage }: { usage: TokenUsage }) {
  return (
    <span className="message-usage">
      {formatCount(usage.inputTokens)} in · {formatCount(usage.outputTokens)} out
      {usage.reasoningOutputTokens > 0 && ` (${formatCount(usage.reasoningOutputTokens)} reasoning)`}
    </span>
  )
}

function PartView({ part, partIndex, message }: { part: MessagePart; partIndex: number; message: ChatMessage }) {
  switch (part.kind) {
    case 'text':
      return <TextPart text={part.text} role={message.role} messageId={message.id} partIndex={partIndex} />
    case 'reasoning':
      return <ReasoningPart summary={part.summary} streaming={message.state === 'streaming'} />
    case 'tool-call':
      return <ToolCallPart part={part} />
  }
}

export const MessageView = memo(function MessageView({ message, isLast, busy }: MessageViewProps) {
  const [editing, setEditing] = useState(false)
  const editRequested = useUiStore((state) => state.editRequest === message.id)
  const requestEdit = useUiStore((state) => state.requestEdit)
  useEffect(() => {
    if (!editRequested) return
    setEditing(true)
    requestEdit(null)
  }, [editRequested, requestEdit])
  const regenerate = useChatStore((state) => state.regenerate)
  const edit = useChatStore((state) => state.edit)
  const text = plainText(message.parts)
  const isAssistant = message.role === 'assistant'
  const streaming = message.state === 'streaming'
  // Asking again before a usage limit resets cannot work: Retry comes back when it does.
  const limitReset = useTimeReached(message.error?.kind === 'usage-limit' ? message.error.resetsAt : undefined)

  return (
    <article
      className={`message message-${message.role}`}
      data-testid="message"
      data-role={message.role}
      data-state={displayState(message)}
      aria-label={isAssistant ? 'Assistant message' : 'Your message'}
    >
      {editing ? (
        <MessageEditor
          initialText={text}
          onCancel={() => setEditing(false)}
          onSave={(newText) => {
            setEditing(false)
            void edit(message.id, newText)
          }}
        />
      ) : (
        <div className="message-body">
          {message.parts.map((part, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are addressed by index in every chat event.
            <PartView key={index} part={part} partIndex={index} message={message} />
          ))}
          {streaming && message.parts.length === 0 && <span className="typing-indicator">Thinking…</span>}
        </div>
      )}
      {message.state === 'cancelled' && <p className="message-note">Stopped</p>}
      {message.state === 'incomplete' && (
        <p className="message-note">Cut short: {message.incompleteReason ?? 'the reply ended early'}</p>
      )}
      {message.state === 'error' && message.error && (
        <div role="alert" className="banner banner-error message-error">
          <ErrorDetails error={message.error} />
        </div>
      )}
      {!editing && !streaming && (
        <div className="message-actions">
          {text !== '' && <CopyButton text={text} label="Copy" />}
          {message.role === 'user' && !busy && (
            <button type="button" className="small-button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {isAssistant && isLast && !busy && message.state !== 'error' && (
            <button type="button" className="small-button" onClick={() => void regenerate()}>
              Regenerate
            </button>
          )}
          {isAssistant && isLast && !busy && message.state === 'error' && limitReset && (
            <button type="button" className="small-button" onClick={() => void regenerate()}>
              Retry
            </button>
          )}
          {message.usage && <UsageNote usage={message.usage} />}
        </div>
      )}
    </article>
  )
})
