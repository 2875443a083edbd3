import type { StreamEvent } from '../../../../src/main/codex/types'

export const usage = {
  inputTokens: 10,
  cachedInputTokens: 0,
  outputTokens: 5,
  reasoningOutputTokens: 2,
  totalTokens: 15,
}

export const reasoningItem = (n: number) => ({
  type: 'reasoning',
  id: `rs_${n}`,
  summary: [{ type: 'summary_text', text: `thought ${n}` }],
  encrypted_content: `gAAAA-${n}`,
})

/** A streamed assistant message: its text in deltas, then the finished item. */
export function answer(text: string, outputIndex = 0, chunks = [text]): StreamEvent[] {
  const itemId = `msg_${outputIndex}_${text.length}`
  return [
    ...chunks.map((delta): StreamEvent => ({ type: 'text-delta', outputIndex, itemId, delta })),
    {
      type: 'output-item-done',
      outputIndex,
      item: { type: 'message', id: itemId, role: 'assistant', content: [{ type: 'output_text', text }] },
    },
  ]
}

export function functionCall(callId: string, name: string, args: unknown, outputIndex = 0): StreamEvent {
  return {
    type: 'output-item-done',
    outputIndex,
    item: { type: 'function_call', id: `fc_${callId}`, call_id: callId, name, arguments: JSON.stringify(args) },
  }
}

export function reasoning(n: number, outputIndex = 0): StreamEvent {
  return { type: 'output-item-done', outputIndex, item: reasoningItem(n) }
}
