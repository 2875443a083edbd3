import { memo } from 'react'
import type { MessagePart } from '../../../../../shared/domain'
import { useChatStore } from '../../../stores/chat-store'

type ToolCall = Extract<MessagePart, { kind: 'tool-call' }>

const STATE_LABELS: Record<ToolCall['state'], string> = {
  'pending-approval': 'Waiting for your approval',
  running: 'Running…',
  done: 'Done',
  denied: 'Denied',
  error: 'Failed',
}

function prettyJson(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2)
  } catch {
    return json
  }
}

/** A tool the model called: its state, the approval buttons while it waits, and its arguments and output. */
export const ToolCallPart = memo(function ToolCallPart({ part }: { part: ToolCall }) {
  const decideTool = useChatStore((state) => state.decideTool)
  return (
    <div className="tool-call" data-testid="tool-call" data-tool={part.name} data-state={part.state}>
      <div className="tool-call-header">
        <span className="tool-call-name">{part.name}</span>
        <span className="tool-call-state">{STATE_LABELS[part.state]}</span>
      </div>
      {part.state === 'pending-approval' && (
        <div className="tool-call-decision">
          <button type="button" className="primary-button" onClick={() => decideTool(part.callId, 'approve')}>
            Approve
          </button>
          <button type="button" className="secondary-button" onClick={() => decideTool(part.callId, 'deny')}>
            Deny
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
    </div>
  )
})
