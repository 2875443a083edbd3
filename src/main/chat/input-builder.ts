/** Turns a conversation into the Responses `input` (protocol/codex.md §2.4): full history, no item ids. */
import type { DeepReadonly, MessagePart, ReadonlyMessage } from '../../shared/domain'
import type { InputItem } from '../codex/types'

type ToolCallPart = DeepReadonly<Extract<MessagePart, { kind: 'tool-call' }>>

export const DENIED_OUTPUT = 'Tool call was not run (denied by the user).'
export const STOPPED_OUTPUT = 'Tool call was not run (the user stopped the reply).'
export const INTERRUPTED_OUTPUT = 'Tool call was not run (the reply was interrupted).'

/** Every call needs an output in `input`; one that never produced one says why, so the model does not wait for it. */
function outputOf(part: ToolCallPart): string {
  if (part.output !== undefined) return part.output
  if (part.state === 'denied') return DENIED_OUTPUT
  if (part.state === 'error') return `Error: ${part.error ?? 'the tool failed.'}`
  return INTERRUPTED_OUTPUT
}

function withoutId(item: Record<string, unknown>): InputItem {
  const { id: _id, ...rest } = item
  return { ...rest, type: 'reasoning' }
}

function assistantItems(message: ReadonlyMessage): InputItem[] {
  const items: InputItem[] = []
  for (const part of message.parts) {
    switch (part.kind) {
      case 'reasoning':
        // Without the finished item there is no encrypted content to replay; the summary alone means nothing to the model.
        if (part.item) items.push(withoutId(part.item))
        break
      case 'text':
        if (part.text !== '') {
          items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: part.text }] })
        }
        break
      case 'tool-call':
        items.push({ type: 'function_call', name: part.name, arguments: part.arguments, call_id: part.callId })
        items.push({ type: 'function_call_output', call_id: part.callId, output: outputOf(part) })
        break
    }
  }
  return items
}

export function buildInput(messages: readonly ReadonlyMessage[]): InputItem[] {
  return messages.flatMap((message): InputItem[] => {
    if (message.role === 'assistant') return assistantItems(message)
    const text = message.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('')
    return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text }] }]
  })
}
