import { type KeyboardEvent, memo, useEffect, useRef } from 'react'
import type { MessagePart } from '../../../../../shared/domain'
import { type ToolDecision, useChatStore } from '../../../stores/chat-store'
import { prettyJson, ToolCallPreviewView } from '../tools/ToolCallPreview'

type ToolCall = Extract<MessagePart, { kind: 'tool-call' }>

const STATE_LABELS: Record<ToolCall['state'], string> = {
  'pending-approval': 'Waiting for your approval',
  running: 'Running…',
  done: 'Done',
  denied: 'Denied',
  error: 'Failed',
}

/** Cards of calls that change something, or any card that waited for a decision: what it did stays in view. */
function showsPreview(part: ToolCall): boolean {
  return part.state === 'pending-approval' || (part.preview !== undefined && part.preview.kind !== 'none')
}

/** After one decision the next waiting card takes the focus, so several calls are decided from the keyboard. */
function focusNextWaiting(decided: HTMLElement | null): void {
  const next = [...document.querySelectorAll<HTMLElement>('[data-testid="tool-call"][data-state="pending-approval"]')]
    .filter((card) => card !== decided)
    .at(0)
  next?.focus()
}

/**
 * A tool the model called. While it waits, the card shows what it would do (the command and its folder, or the
 * diff) above the buttons and takes the focus: Enter approves, Escape denies (and does not also stop the answer).
 */
export const ToolCallPart = memo(function ToolCallPart({ part }: { part: ToolCall }) {
  const decideTool = useChatStore((state) => state.decideTool)
  const cardRef = useRef<HTMLElement>(null)
  const pending = part.state === 'pending-approval'

  useEffect(() => {
    if (pending) cardRef.current?.focus()
  }, [pending])

  function decide(decision: ToolDecision) {
    focusNextWaiting(cardRef.current)
    void decideTool(part.callId, decision)
  }

  function handleKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (!pending) return
    if (event.key === 'Escape') {
      // Marked handled: the composer's Escape would otherwise stop the whole answer as well.
      event.preventDefault()
      decide('deny')
    } else if (event.key === 'Enter' && event.target === event.currentTarget) {
      // Only on the card itself: Enter on a focused button is that button's.
      event.preventDefault()
      decide('approve')
    }
  }

  return (
    <section
      ref={cardRef}
      className="tool-call"
      data-testid="tool-call"
      data-tool={part.name}
      data-state={part.state}
      tabIndex={pending ? 0 : undefined}
      aria-label={pending ? `${part.name} is waiting for your approval. Enter approves, Escape denies.` : undefined}
      onKeyDown={handleKeyDown}
    >
      <div className="tool-call-header">
        <span className="tool-call-name">{part.name}</span>
        <span className="tool-call-state">{STATE_LABELS[part.state]}</span>
      </div>
      {showsPreview(part) && <ToolCallPreviewView preview={part.preview} argumentsJson={part.arguments} />}
      {pending && (
        <div className="tool-call-decision">
          <button type="button" className="primary-button" onClick={() => decide('approve')}>
            Approve
          </button>
          <button type="button" className="secondary-button" onClick={() => decide('deny')}>
            Deny
          </button>
          <button type="button" className="secondary-button" onClick={() => decide('always')}>
            Always allow {part.name} in this conversation
          </button>
        </div>
      )}
      <details>
        <summary>Arguments</summary>
        <pre className="tool-call-text">{prettyJson(part.arguments)}</pre>
      </details>
      {part.output !== undefined && (
        <details>
          <summary>Output</summary>
          <pre className="tool-call-text">{part.output}</pre>
        </details>
      )}
      {part.error && <p className="tool-call-error">{part.error}</p>}
    </section>
  )
})
