import { describe, expect, it } from 'vitest'
import { trackSearchChanges } from '../../../src/main/storage/search-changes'
import { assistantMessage, conversation, userMessage } from './support'

const stamp = { size: 1, mtimeMs: 1 }

describe('what main posts to the search worker as a conversation changes', () => {
  it('posts the whole conversation the first time', () => {
    const question = userMessage('Grilled aubergines?')
    const changes = trackSearchChanges(4).changesOf(conversation('chat', [question]), stamp)

    expect(changes).toMatchObject({
      full: true,
      title: 'Conversation chat',
      messages: [[question.id, 'Grilled aubergines?']],
    })
  })

  it("then posts only a streaming answer's newest checkpoint, not the messages before it", () => {
    const changes = trackSearchChanges(4)
    const question = userMessage('Grilled aubergines?')
    const draft = assistantMessage([{ kind: 'text', text: 'Slice' }], { state: 'streaming' })
    changes.changesOf(conversation('chat', [question, draft]), stamp)
    const checkpoint = { ...draft, parts: [{ kind: 'text' as const, text: 'Slice them thickly' }] }

    expect(changes.changesOf(conversation('chat', [question, checkpoint]), stamp)).toEqual({
      id: 'chat',
      stamp,
      full: false,
      messages: [[draft.id, 'Slice them thickly']],
      removedMessageIds: [],
    })
  })

  it('posts the ids of messages an edit removed, and a new title', () => {
    const changes = trackSearchChanges(4)
    const question = userMessage('Grilled aubergines?')
    const answer = assistantMessage([{ kind: 'text', text: 'Slice them.' }])
    changes.changesOf(conversation('chat', [question, answer]), stamp)

    expect(changes.changesOf(conversation('chat', [question], { title: 'Aubergines' }), stamp)).toMatchObject({
      full: false,
      title: 'Aubergines',
      messages: [],
      removedMessageIds: [answer.id],
    })
  })

  it('posts a conversation whole again once it is forgotten', () => {
    const changes = trackSearchChanges(4)
    const chat = conversation('chat', [userMessage('Grilled aubergines?')])
    changes.changesOf(chat, stamp)
    changes.forget('chat')

    expect(changes.changesOf(chat, stamp).full).toBe(true)
  })
})
