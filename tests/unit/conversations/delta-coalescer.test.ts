import { describe, expect, it } from 'vitest'
import { DELTA_INTERVAL_MS } from '../../../src/main/conversations/delta-coalescer'
import { createLiveAnswers } from '../../../src/main/conversations/live-answers'
import { type ChatThread, chatReducer, emptyThread } from '../../../src/renderer/src/chat/chat-reducer'
import type { ChatEvent, ChatMessage, Conversation, SequencedChatEvent } from '../../../src/shared/domain'
import { steppedClock } from '../../support/stepped-clock'

const CHAT = 'c1'
const ANSWER = 'a1'

const text = (delta: string, partIndex = 0, conversationId = CHAT): ChatEvent => ({
  type: 'text-delta',
  conversationId,
  messageId: ANSWER,
  partIndex,
  delta,
})
const reasoning = (delta: string, summaryIndex: number, partIndex = 0): ChatEvent => ({
  type: 'reasoning-delta',
  conversationId: CHAT,
  messageId: ANSWER,
  partIndex,
  summaryIndex,
  delta,
})
const streaming: ChatMessage = {
  id: ANSWER,
  role: 'assistant',
  createdAt: 1,
  parts: [],
  state: 'streaming',
  model: 'gpt-5.4',
}
const started = (conversationId = CHAT): ChatEvent => ({
  type: 'turn-started',
  conversationId,
  assistantMessage: streaming,
})
const stored: Conversation = {
  id: CHAT,
  title: 'Story',
  createdAt: 1,
  updatedAt: 1,
  pinned: false,
  model: 'gpt-5.4',
  effort: null,
  messageCount: 0,
  preview: '',
  workspace: null,
  messages: [],
  compactions: [],
}

const fold = (thread: ChatThread, events: ChatEvent[]) => events.reduce(chatReducer, thread)

/** Live answers on a stepped clock, with what they send out collected. */
function live() {
  const time = steppedClock()
  const sent: SequencedChatEvent[] = []
  const answers = createLiveAnswers((event) => sent.push(event), time.clock)
  return { time, sent, answers, tick: () => time.advance(DELTA_INTERVAL_MS) }
}

describe('deltas on their way to the renderer', () => {
  it('sends the first delta of an answer at once, so its first words show without waiting for a frame', () => {
    const { answers, sent } = live()
    answers.publish(text('Once '))

    expect(sent).toEqual([{ ...text('Once '), seq: 1 }])
  })

  it('sends the deltas that follow within the frame as one event with their joined text', () => {
    const { answers, sent, tick } = live()
    for (const word of ['Once ', 'upon ', 'a ', 'time']) answers.publish(text(word))
    expect(sent).toEqual([{ ...text('Once '), seq: 1 }])

    tick()

    expect(sent).toEqual([
      { ...text('Once '), seq: 1 },
      { ...text('upon a time'), seq: 2 },
    ])
  })

  it('sends what is held before any other event of the conversation, in the order they happened', () => {
    const { answers, sent } = live()
    answers.publish(text('Hello '))
    answers.publish(text('there, '))
    answers.publish(text('friend.'))
    const added: ChatEvent = {
      type: 'part-added',
      conversationId: CHAT,
      messageId: ANSWER,
      partIndex: 1,
      part: { kind: 'text', text: '' },
    }
    answers.publish(added)

    expect(sent).toEqual([
      { ...text('Hello '), seq: 1 },
      { ...text('there, friend.'), seq: 2 },
      { ...added, seq: 3 },
    ])
  })

  it('sends the held text before the turn-finished that ends the answer', () => {
    const { answers, sent } = live()
    answers.publish(text('The end.'))
    const finished: ChatEvent = {
      type: 'turn-finished',
      conversationId: CHAT,
      message: { ...streaming, state: 'done', parts: [{ kind: 'text', text: 'The end.' }] },
    }
    answers.publish(finished)

    expect(sent.map((event) => event.type)).toEqual(['text-delta', 'turn-finished'])
  })

  it('does not merge deltas of different parts, kinds or reasoning summaries', () => {
    const { answers, sent, tick } = live()
    answers.publish(reasoning('Start.', 0))
    answers.publish(reasoning('Think', 0))
    answers.publish(reasoning('ing.', 0))
    answers.publish(reasoning('More.', 1))
    answers.publish(text('Part one.', 1))
    answers.publish(text('Part two.', 2))
    tick()

    expect(sent).toEqual([
      { ...reasoning('Start.', 0), seq: 1 },
      { ...reasoning('Thinking.', 0), seq: 2 },
      { ...reasoning('More.', 1), seq: 3 },
      { ...text('Part one.', 1), seq: 4 },
      { ...text('Part two.', 2), seq: 5 },
    ])
  })

  it('holds each conversation’s deltas apart and numbers each conversation from 1', () => {
    const { answers, sent, tick } = live()
    answers.publish(text('a', 0, 'c1'))
    answers.publish(text('x', 0, 'c2'))
    answers.publish(text('b', 0, 'c1'))
    answers.publish(text('c', 0, 'c1'))
    answers.publish(started('c2'))
    answers.publish(text('y', 0, 'c2'))
    tick()

    expect(sent).toEqual([
      { ...text('a', 0, 'c1'), seq: 1 },
      { ...text('x', 0, 'c2'), seq: 1 },
      { ...started('c2'), seq: 2 },
      { ...text('bc', 0, 'c1'), seq: 2 },
      { ...text('y', 0, 'c2'), seq: 3 },
    ])
  })

  it('sends at most one delta per frame while the answer streams, each frame’s once the frame is over', () => {
    const { answers, sent, time } = live()
    answers.publish(text('first '))
    answers.publish(text('second '))
    time.advance(DELTA_INTERVAL_MS - 1)
    expect(sent.map((event) => event.type === 'text-delta' && event.delta)).toEqual(['first '])
    time.advance(1)
    answers.publish(text('third'))
    expect(sent.map((event) => event.type === 'text-delta' && event.delta)).toEqual(['first ', 'second '])
    time.advance(DELTA_INTERVAL_MS)

    expect(sent.map((event) => event.type === 'text-delta' && event.delta)).toEqual(['first ', 'second ', 'third'])
    expect(sent.map((event) => event.seq)).toEqual([1, 2, 3])
  })

  it('sends a delta at once again after a frame with none', () => {
    const { answers, sent, tick } = live()
    answers.publish(text('before '))
    tick()
    tick()
    answers.publish(text('after'))

    expect(sent.map((event) => event.type === 'text-delta' && event.delta)).toEqual(['before ', 'after'])
  })
})
describe('a conversation opened while deltas are held', () => {
  /**
   * Plays an answer as the turn runner does (each event published, then the live message updated to include it),
   * opens the conversation after `openAfter` events, before the held deltas' frame is over, and lets it finish.
   */
  function openMidAnswer(openAfter: number) {
    const { answers, sent, tick } = live()
    const played: ChatEvent[] = [
      started(),
      {
        type: 'part-added',
        conversationId: CHAT,
        messageId: ANSWER,
        partIndex: 0,
        part: { kind: 'reasoning', summary: [] },
      },
      reasoning('Plan ', 0),
      reasoning('it.', 0),
      { type: 'part-added', conversationId: CHAT, messageId: ANSWER, partIndex: 1, part: { kind: 'text', text: '' } },
      text('word0 ', 1),
      text('word1 ', 1),
      text('word2 ', 1),
    ]
    let main = emptyThread(CHAT)
    const play = (event: ChatEvent) => {
      answers.publish(event)
      main = chatReducer(main, event)
      answers.setMessage(CHAT, main.messages.at(-1) ?? null)
    }
    played.slice(0, openAfter).forEach(play)
    const snapshot = answers.snapshot(stored)
    played.slice(openAfter).forEach(play)
    tick()
    return { snapshot, sent, main }
  }

  for (const openAfter of [3, 4, 6, 7, 8]) {
    it(`shows exactly what the renderer holds after the events numbered up to its seq (after ${openAfter} events)`, () => {
      const { snapshot, sent } = openMidAnswer(openAfter)
      const upToSnapshot = sent.filter((event) => event.seq <= snapshot.seq)
      expect(snapshot.messages).toEqual(fold(emptyThread(CHAT), upToSnapshot).messages)
    })

    it(`ends with each word once in a renderer that applies only later events (after ${openAfter} events)`, () => {
      const { snapshot, sent, main } = openMidAnswer(openAfter)
      const opened = emptyThread(CHAT, snapshot.messages)
      const afterSnapshot = sent.filter((event) => event.seq > snapshot.seq)
      expect(fold(opened, afterSnapshot).messages).toEqual(main.messages)
      expect(main.messages.at(-1)?.parts).toEqual([
        { kind: 'reasoning', summary: ['Plan it.'] },
        { kind: 'text', text: 'word0 word1 word2 ' },
      ])
    })
  }
})
