import { describe, expect, it } from 'vitest'
import { buildInput } from '../../../src/main/chat/input-builder'
import type { ChatMessage } from '../../../src/shared/domain'

const user = (text: string): ChatMessage => ({
  id: `u-${text}`,
  role: 'user',
  createdAt: 0,
  parts: [{ kind: 'text', text }],
  state: 'done',
})

const reasoningItem = { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA-1' }

describe('input builder', () => {
  it('replays reasoning verbatim without its id, in order with calls and text', () => {
    const assistant: ChatMessage = {
      id: 'a1',
      role: 'assistant',
      createdAt: 0,
      state: 'done',
      parts: [
        { kind: 'reasoning', summary: ['thinking'], item: reasoningItem },
        {
          kind: 'tool-call',
          callId: 'call_1',
          name: 'get_current_time',
          arguments: '{}',
          state: 'done',
          output: 'noon',
        },
        { kind: 'text', text: 'It is noon.' },
      ],
    }
    expect(buildInput([user('time?'), assistant, user('thanks')])).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'time?' }] },
      { type: 'reasoning', summary: [], encrypted_content: 'gAAAA-1' },
      { type: 'function_call', name: 'get_current_time', arguments: '{}', call_id: 'call_1' },
      { type: 'function_call_output', call_id: 'call_1', output: 'noon' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It is noon.' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'thanks' }] },
    ])
  })

  it('gives every call an output, saying why one never ran', () => {
    const assistant: ChatMessage = {
      id: 'a1',
      role: 'assistant',
      createdAt: 0,
      state: 'cancelled',
      parts: [
        { kind: 'tool-call', callId: 'c1', name: 'write_file', arguments: '{}', state: 'denied' },
        { kind: 'tool-call', callId: 'c2', name: 'run_command', arguments: '{}', state: 'pending-approval' },
      ],
    }
    const outputs = buildInput([user('go'), assistant]).filter((item) => item.type === 'function_call_output')
    expect(outputs).toEqual([
      { type: 'function_call_output', call_id: 'c1', output: 'Tool call was not run (denied by the user).' },
      { type: 'function_call_output', call_id: 'c2', output: 'Tool call was not run (the reply was interrupted).' },
    ])
  })

  it('skips reasoning that never finished and empty text', () => {
    const assistant: ChatMessage = {
      id: 'a1',
      role: 'assistant',
      createdAt: 0,
      state: 'error',
      parts: [
        { kind: 'reasoning', summary: ['half a thought'] },
        { kind: 'text', text: '' },
      ],
    }
    expect(buildInput([user('hi'), assistant])).toHaveLength(1)
  })
})
