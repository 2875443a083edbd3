import { describe, expect, it } from 'vitest'
import { setupChat } from '../chat/support/setup'

describe('the answer being written', () => {
  it('is in the conversation opened mid-answer, as far as it has streamed', async () => {
    const { fake, harness, id } = await setupChat()
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 3 })
    await harness.call('chat:send', { conversationId: id, text: 'Tell me a story' })
    // The fake then idles: this is as far as the answer streams.
    await harness.waitUntil(() => harness.shownAnswerText(id) === 'word0 word1 word2 ')

    const opened = await harness.call('conversations:get', { id })
    expect(opened.messages.at(-1)).toMatchObject({
      role: 'assistant',
      state: 'streaming',
      parts: [{ kind: 'text', text: 'word0 word1 word2 ' }],
    })
    expect(opened.busy).toBe(true)
  })

  it('numbers the snapshot with the last event it includes, so the renderer applies only later ones', async () => {
    const { fake, harness, id } = await setupChat()
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 3 })
    await harness.call('chat:send', { conversationId: id, text: 'Tell me a story' })
    await harness.waitUntil(() => harness.shownAnswerText(id).includes('word1 '))

    const opened = await harness.call('conversations:get', { id })
    const ofThisChat = harness.chatEvents.filter((event) => event.conversationId === id)
    expect(opened.seq).toBe(ofThisChat.length)
  })

  it('numbers each conversation’s events one after another from 1', async () => {
    const { fake, harness, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'text', text: 'One two three.' })
    await ask('Count')
    const seqs = harness.sequence.map((event) => event.seq)
    expect(seqs.length).toBeGreaterThan(3)
    expect(seqs).toEqual(seqs.map((_seq, i) => i + 1))
  })

  it('marks the conversation busy in the list while its turn runs, and not busy before the turn ends', async () => {
    const { fake, harness, ask, id } = await setupChat()
    fake.responses.enqueue({ kind: 'text', text: 'Hello.' })
    await ask('Hi')
    expect(harness.busyChanges.filter((change) => change.id === id).map((change) => change.busy)).toContain(true)
    expect(harness.busyChanges.at(-1)).toEqual({ id, busy: false })
    expect(
      (await harness.call('conversations:list', undefined)).entries.find((summary) => summary.id === id)?.busy,
    ).toBe(undefined)
  })
})
