import { chatReducer, emptyThread } from '@renderer/chat/chat-reducer'
import { describe, expect, it } from 'vitest'
import type { ChatEvent, ChatMessage, MessagePart } from '../../src/shared/domain'

const CONVERSATION = 'c1'

function message(id: string, role: ChatMessage['role'], overrides: Partial<ChatMessage> = {}): ChatMessage {
  return { id, role, createdAt: 1, parts: [], state: role === 'assistant' ? 'streaming' : 'done', ...overrides }
}

const userHello = message('u1', 'user', { parts: [{ kind: 'text', text: 'Hello' }] })
const answer = message('a1', 'assistant')

function fold(events: ChatEvent[], thread = emptyThread(CONVERSATION)) {
  return events.reduce(chatReducer, thread)
}

const started: ChatEvent = {
  type: 'turn-started',
  conversationId: CONVERSATION,
  userMessage: userHello,
  assistantMessage: answer,
}

describe('chat reducer', () => {
  it('adds the user message and the streaming answer when a turn starts', () => {
    const thread = fold([started])
    expect(thread.messages.map((m) => [m.id, m.state])).toEqual([
      ['u1', 'done'],
      ['a1', 'streaming'],
    ])
  })

  it('appends text deltas to the text part', () => {
    const thread = fold([
      started,
      {
        type: 'part-added',
        conversationId: CONVERSATION,
        messageId: 'a1',
        partIndex: 0,
        part: { kind: 'text', text: '' },
      },
      { type: 'text-delta', conversationId: CONVERSATION, messageId: 'a1', partIndex: 0, delta: 'Hi ' },
      { type: 'text-delta', conversationId: CONVERSATION, messageId: 'a1', partIndex: 0, delta: 'there' },
    ])
    expect(thread.messages[1].parts).toEqual([{ kind: 'text', text: 'Hi there' }])
  })

  it('appends reasoning deltas to the right summary paragraph', () => {
    const thread = fold([
      started,
      {
        type: 'part-added',
        conversationId: CONVERSATION,
        messageId: 'a1',
        partIndex: 0,
        part: { kind: 'reasoning', summary: [] },
      },
      {
        type: 'reasoning-delta',
        conversationId: CONVERSATION,
        messageId: 'a1',
        partIndex: 0,
        summaryIndex: 0,
        delta: 'First',
      },
      {
        type: 'reasoning-delta',
        conversationId: CONVERSATION,
        messageId: 'a1',
        partIndex: 0,
        summaryIndex: 1,
        delta: 'Second',
      },
    ])
    expect(thread.messages[1].parts[0]).toEqual({ kind: 'reasoning', summary: ['First', 'Second'] })
  })

  it('replaces a part when it is updated', () => {
    const call = { kind: 'tool-call' as const, callId: 't1', name: 'read_file', arguments: '{}' }
    const thread = fold([
      started,
      {
        type: 'part-added',
        conversationId: CONVERSATION,
        messageId: 'a1',
        partIndex: 0,
        part: { ...call, state: 'pending-approval' },
      },
      {
        type: 'part-updated',
        conversationId: CONVERSATION,
        messageId: 'a1',
        partIndex: 0,
        part: { ...call, state: 'done', output: 'ok' },
      },
    ])
    expect(thread.messages[1].parts[0]).toMatchObject({ state: 'done', output: 'ok' })
  })

  it('records a retry and clears it when output arrives again', () => {
    const retrying: ChatEvent = {
      type: 'retrying',
      conversationId: CONVERSATION,
      messageId: 'a1',
      attempt: 2,
      maxRetries: 10,
      retryAt: 50_000,
      error: { kind: 'rate-limited', message: 'Too many requests.' },
      reconnecting: false,
    }
    const waiting = fold([started, retrying])
    expect(waiting.retry).toMatchObject({ attempt: 2, maxRetries: 10, retryAt: 50_000 })
    const resumed = chatReducer(waiting, {
      type: 'text-delta',
      conversationId: CONVERSATION,
      messageId: 'a1',
      partIndex: 0,
      delta: 'Back',
    })
    expect(resumed.retry).toBeNull()
  })

  it("replaces the broken attempt's partial answer once the re-sent request answers, keeping earlier parts", () => {
    const call: MessagePart = {
      kind: 'tool-call',
      callId: 'c1',
      name: 'get_current_time',
      arguments: '{}',
      state: 'done',
    }
    const partial = fold([
      started,
      { type: 'part-added', conversationId: CONVERSATION, messageId: 'a1', partIndex: 0, part: call },
      {
        type: 'part-added',
        conversationId: CONVERSATION,
        messageId: 'a1',
        partIndex: 1,
        part: { kind: 'text', text: 'It is' },
      },
      {
        type: 'retrying',
        conversationId: CONVERSATION,
        messageId: 'a1',
        attempt: 1,
        maxRetries: 5,
        retryAt: 1_000,
        error: { kind: 'stream-cut', message: 'Cut.' },
        reconnecting: true,
      },
    ])
    // Still on screen while the re-sent request has produced nothing.
    expect(partial.messages[1].parts).toEqual([call, { kind: 'text', text: 'It is' }])

    const replaced = chatReducer(partial, {
      type: 'parts-reset',
      conversationId: CONVERSATION,
      messageId: 'a1',
      parts: [call],
    })
    expect(replaced.messages[1].parts).toEqual([call])
    expect(replaced.retry).toBeNull()
  })

  it('replaces the streaming answer with the finished message', () => {
    const finished = message('a1', 'assistant', { state: 'done', parts: [{ kind: 'text', text: 'Final' }] })
    const thread = fold([started, { type: 'turn-finished', conversationId: CONVERSATION, message: finished }])
    expect(thread.messages[1]).toBe(finished)
    expect(thread.retry).toBeNull()
  })

  it('keeps the untouched messages identical so they do not re-render', () => {
    const before = fold([started])
    const after = chatReducer(before, {
      type: 'text-delta',
      conversationId: CONVERSATION,
      messageId: 'a1',
      partIndex: 0,
      delta: 'x',
    })
    expect(after.messages[0]).toBe(before.messages[0])
  })

  it('replaces the previous answer when a turn is regenerated', () => {
    const done = fold([
      started,
      { type: 'turn-finished', conversationId: CONVERSATION, message: { ...answer, state: 'done' } },
    ])
    const regenerated = chatReducer(done, {
      type: 'turn-started',
      conversationId: CONVERSATION,
      assistantMessage: message('a2', 'assistant'),
    })
    expect(regenerated.messages.map((m) => m.id)).toEqual(['u1', 'a2'])
  })

  it('drops everything after an edited user message', () => {
    const done = fold([started])
    const edited = chatReducer(done, {
      type: 'turn-started',
      conversationId: CONVERSATION,
      userMessage: { ...userHello, parts: [{ kind: 'text', text: 'Hello again' }] },
      assistantMessage: message('a3', 'assistant'),
    })
    expect(edited.messages.map((m) => m.id)).toEqual(['u1', 'a3'])
    expect(edited.messages[0].parts).toEqual([{ kind: 'text', text: 'Hello again' }])
  })

  it('drops the note of a summary whose messages an edit removed', () => {
    const finished = { ...answer, state: 'done' as const }
    const compaction = { id: 'k1', throughMessageId: 'a1', summary: 'Hello.', model: 'gpt-5.4', createdAt: 2 }
    const thread = emptyThread(CONVERSATION, [userHello, finished, message('u2', 'user')], [compaction])
    const editedLater = chatReducer(thread, {
      type: 'turn-started',
      conversationId: CONVERSATION,
      userMessage: message('u2', 'user', { parts: [{ kind: 'text', text: 'Changed' }] }),
      assistantMessage: message('a4', 'assistant'),
    })
    expect(editedLater.compactions).toEqual([compaction])
    const editedFirst = chatReducer(thread, {
      type: 'turn-started',
      conversationId: CONVERSATION,
      userMessage: { ...userHello, parts: [{ kind: 'text', text: 'Changed' }] },
      assistantMessage: message('a5', 'assistant'),
    })
    expect(editedFirst.compactions).toEqual([])
  })

  it('keeps what a conversation loaded mid-answer holds when the events before the load are replayed on it', () => {
    const loaded = emptyThread(CONVERSATION, [
      userHello,
      { ...answer, parts: [{ kind: 'text', text: 'Already streamed' }] },
    ])
    const thread = fold(
      [
        started,
        {
          type: 'part-added',
          conversationId: CONVERSATION,
          messageId: 'a1',
          partIndex: 0,
          part: { kind: 'text', text: '' },
        },
        { type: 'text-delta', conversationId: CONVERSATION, messageId: 'a1', partIndex: 0, delta: ' and more' },
      ],
      loaded,
    )
    expect(thread.messages.map((m) => m.id)).toEqual(['u1', 'a1'])
    expect(thread.messages[1].parts).toEqual([{ kind: 'text', text: 'Already streamed and more' }])
  })

  it('ignores events of another conversation', () => {
    const thread = fold([started])
    expect(chatReducer(thread, { ...started, conversationId: 'other' })).toBe(thread)
  })

  it('shows a note where the model moved once, also when the loaded conversation already had it', () => {
    const note = { kind: 'model-retired' as const, at: 5, afterMessageId: 'u0', from: 'gpt-4.1', to: 'gpt-5.6-sol' }
    const earlier = message('u0', 'user', { parts: [{ kind: 'text', text: 'Before' }] })
    const added: ChatEvent = { type: 'note-added', conversationId: CONVERSATION, note }

    expect(fold([added, started], emptyThread(CONVERSATION, [earlier])).notes).toEqual([note])
    expect(fold([added, started], emptyThread(CONVERSATION, [earlier], [], [note])).notes).toEqual([note])
  })
})
