import { describe, expect, it } from 'vitest'
import { type Assembly, startAssembly, startRound } from '../../../src/main/chat/assembly'
import { applyStreamEvent, updateToolCall } from '../../../src/main/chat/message-assembler'
import type { StreamEvent } from '../../../src/main/codex/types'
import type { ChatEvent, ChatMessage, MessagePart } from '../../../src/shared/domain'

const message: ChatMessage = { id: 'm1', role: 'assistant', createdAt: 0, parts: [], state: 'streaming' }
const options = {
  initialToolState: (name: string) => (name === 'write_file' ? 'pending-approval' : 'running'),
} as const

function fold(events: StreamEvent[], from: Assembly = startAssembly('c1', message)) {
  let assembly = from
  const emitted: ChatEvent[] = []
  const toolCalls: string[] = []
  for (const event of events) {
    const step = applyStreamEvent(assembly, event, options)
    assembly = step.assembly
    emitted.push(...step.events)
    if (step.toolCall) toolCalls.push(step.toolCall.callId)
  }
  return { assembly, parts: assembly.message.parts, emitted, toolCalls }
}

const reasoningItem = {
  type: 'reasoning',
  id: 'rs_1',
  summary: [
    { type: 'summary_text', text: '**Plan** first' },
    { type: 'summary_text', text: 'second' },
  ],
  encrypted_content: 'gAAAA-secret',
}

describe('message assembler', () => {
  it('grows one text part from the deltas of a message item', () => {
    const { parts, emitted } = fold([
      { type: 'output-item-added', outputIndex: 0, item: { type: 'message', id: 'msg_1' } },
      { type: 'text-delta', itemId: 'msg_1', outputIndex: 0, delta: 'Hel' },
      { type: 'text-delta', itemId: 'msg_1', outputIndex: 0, delta: 'lo' },
      {
        type: 'output-item-done',
        outputIndex: 0,
        item: { type: 'message', id: 'msg_1', content: [{ type: 'output_text', text: 'Hello' }] },
      },
    ])
    expect(parts).toEqual([{ kind: 'text', text: 'Hello' }])
    expect(emitted.map((event) => event.type)).toEqual(['part-added', 'text-delta'])
  })

  it('takes the text from the finished item when no deltas came', () => {
    const { parts, emitted } = fold([
      {
        type: 'output-item-done',
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'fixture hello' }] },
      },
    ])
    expect(parts).toEqual([{ kind: 'text', text: 'fixture hello' }])
    expect(emitted).toEqual([
      { type: 'part-added', conversationId: 'c1', messageId: 'm1', partIndex: 0, part: parts[0] },
    ])
  })

  it('builds reasoning summaries by index and keeps the finished item', () => {
    const { parts, emitted } = fold([
      { type: 'output-item-added', outputIndex: 0, item: { type: 'reasoning', id: 'rs_1' } },
      { type: 'reasoning-summary-part-added', itemId: 'rs_1', outputIndex: 0, summaryIndex: 0 },
      { type: 'reasoning-summary-delta', itemId: 'rs_1', outputIndex: 0, summaryIndex: 0, delta: '**Plan**' },
      { type: 'reasoning-summary-delta', itemId: 'rs_1', outputIndex: 0, summaryIndex: 0, delta: ' first' },
      { type: 'reasoning-summary-delta', itemId: 'rs_1', outputIndex: 0, summaryIndex: 1, delta: 'second' },
      { type: 'output-item-done', outputIndex: 0, item: reasoningItem },
    ])
    expect(parts).toEqual([{ kind: 'reasoning', summary: ['**Plan** first', 'second'], item: reasoningItem }])
    expect(emitted.filter((event) => event.type === 'reasoning-delta')).toHaveLength(3)
    expect(emitted.at(-1)).toMatchObject({ type: 'part-updated', partIndex: 0 })
  })

  it('keeps a reasoning item that arrived without deltas in its place', () => {
    const { parts } = fold([
      { type: 'output-item-done', outputIndex: 0, item: reasoningItem },
      { type: 'text-delta', outputIndex: 1, delta: 'Answer' },
    ])
    expect(parts.map((part) => part.kind)).toEqual(['reasoning', 'text'])
    expect(parts[0]).toMatchObject({ summary: ['**Plan** first', 'second'], item: reasoningItem })
  })

  it('turns a finished function call into a tool-call part and asks the runner to run it', () => {
    const { parts, toolCalls } = fold([
      {
        type: 'output-item-done',
        outputIndex: 0,
        item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' },
      },
      {
        type: 'output-item-done',
        outputIndex: 1,
        item: { type: 'function_call', id: 'fc_2', call_id: 'call_2', name: 'write_file', arguments: '{}' },
      },
    ])
    expect(parts).toEqual<MessagePart[]>([
      { kind: 'tool-call', callId: 'call_1', name: 'read_file', arguments: '{"path":"a"}', state: 'running' },
      { kind: 'tool-call', callId: 'call_2', name: 'write_file', arguments: '{}', state: 'pending-approval' },
    ])
    expect(toolCalls).toEqual(['call_1', 'call_2'])
  })

  it('appends the next round after the previous one even though output indexes restart', () => {
    const first = fold([{ type: 'text-delta', outputIndex: 0, delta: 'Let me look.' }])
    const second = fold([{ type: 'text-delta', outputIndex: 0, delta: 'Found it.' }], startRound(first.assembly))
    expect(second.parts).toEqual([
      { kind: 'text', text: 'Let me look.' },
      { kind: 'text', text: 'Found it.' },
    ])
  })

  it('records a tool result on its part', () => {
    const { assembly } = fold([
      {
        type: 'output-item-done',
        item: { type: 'function_call', call_id: 'call_1', name: 'get_current_time', arguments: '{}' },
      },
    ])
    const step = updateToolCall(assembly, 'call_1', { state: 'done', output: 'noon' })
    expect(step.assembly.message.parts[0]).toMatchObject({ state: 'done', output: 'noon' })
    expect(step.events).toEqual([
      {
        type: 'part-updated',
        conversationId: 'c1',
        messageId: 'm1',
        partIndex: 0,
        part: step.assembly.message.parts[0],
      },
    ])
  })

  describe('deltas without ids', () => {
    const done = (text: string): StreamEvent => ({
      type: 'output-item-done',
      outputIndex: 0,
      item: { type: 'message', id: 'msg_1', content: [{ type: 'output_text', text }] },
    })

    it('fold into the item opened last, and its finished item completes that same part', () => {
      const { parts } = fold([
        { type: 'output-item-added', outputIndex: 0, item: { type: 'message', id: 'msg_1' } },
        { type: 'text-delta', delta: 'Hel' },
        { type: 'text-delta', delta: 'lo' },
        done('Hello'),
      ])
      expect(parts).toEqual([{ kind: 'text', text: 'Hello' }])
    })

    it('are claimed by the finished item even when no item was announced', () => {
      const { parts, emitted } = fold([
        { type: 'text-delta', delta: 'Hel' },
        { type: 'text-delta', delta: 'lo' },
        done('Hello'),
      ])
      expect(parts).toEqual([{ kind: 'text', text: 'Hello' }])
      expect(emitted.filter((event) => event.type === 'part-added')).toHaveLength(1)
    })

    it('build reasoning that its finished item completes', () => {
      const { parts } = fold([
        { type: 'output-item-added', outputIndex: 0, item: { type: 'reasoning', id: 'rs_1' } },
        { type: 'reasoning-summary-part-added', summaryIndex: 0 },
        { type: 'reasoning-summary-delta', summaryIndex: 0, delta: '**Plan** first' },
        { type: 'reasoning-summary-delta', summaryIndex: 1, delta: 'second' },
        { type: 'output-item-done', outputIndex: 0, item: reasoningItem },
        { type: 'text-delta', delta: 'Answer' },
      ])
      expect(parts).toEqual([
        { kind: 'reasoning', summary: ['**Plan** first', 'second'], item: reasoningItem },
        { kind: 'text', text: 'Answer' },
      ])
    })

    it('start a new part once the open item is finished', () => {
      const { parts } = fold([
        { type: 'text-delta', delta: 'One.' },
        done('One.'),
        { type: 'text-delta', delta: 'Two.' },
      ])
      expect(parts).toEqual([
        { kind: 'text', text: 'One.' },
        { kind: 'text', text: 'Two.' },
      ])
    })
  })

  it("drops the broken attempt's output of this round, keeping earlier rounds, when a re-sent request answers", () => {
    const first = fold([
      {
        type: 'output-item-done',
        item: { type: 'function_call', call_id: 'call_1', name: 'get_current_time', arguments: '{}' },
      },
    ])
    const second = fold(
      [
        { type: 'text-delta', outputIndex: 0, delta: 'It is no' },
        { type: 'output-replaced' },
        { type: 'text-delta', outputIndex: 0, delta: 'It is noon.' },
      ],
      startRound(first.assembly),
    )
    expect(second.parts).toEqual([first.parts[0], { kind: 'text', text: 'It is noon.' }])
    expect(second.emitted.find((event) => event.type === 'parts-reset')).toEqual({
      type: 'parts-reset',
      conversationId: 'c1',
      messageId: 'm1',
      parts: [first.parts[0]],
    })
  })
})
