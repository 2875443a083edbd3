import { afterEach, describe, expect, it } from 'vitest'
import { seedConversations } from '../../../src/main/storage/seed'
import { FIRST_WINDOW_MESSAGES, MAX_PAGE_MESSAGES } from '../../../src/shared/contract/conversations'
import type { ChatMessage } from '../../../src/shared/domain'
import { type OfflineApp, startOfflineApp } from '../../support/offline-app'
import { setupChat } from '../chat/support/setup'
import { conversation } from '../storage/support'

const LONG = 'long-chat'

function message(index: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m${index}`,
    role: index % 2 === 0 ? 'user' : 'assistant',
    createdAt: 1_000 + index,
    parts: [{ kind: 'text', text: `Message ${index}` }],
    state: 'done',
    ...extra,
  }
}

/** The chat service over a data folder holding one conversation of `count` messages, `m0` the oldest. */
async function withMessages(count: number, extra: (index: number) => Partial<ChatMessage> = () => ({})) {
  const messages = Array.from({ length: count }, (_, index) => message(index, extra(index)))
  return setupChat({
    prepare: (dataDir) =>
      seedConversations(dataDir, [
        conversation(LONG, messages, { title: 'Long chat', createdAt: 1_000, updatedAt: 50_000 }),
      ]),
  })
}

const ids = (messages: ChatMessage[]) => messages.map((shown) => shown.id)
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => `m${from + index}`)

describe('opening a conversation by window', () => {
  it('sends an empty conversation with nothing before it', async () => {
    const { harness, id } = await setupChat()
    const opened = await harness.call('conversations:get', { id })
    expect(opened.messages).toEqual([])
    expect(opened.olderCount).toBe(0)
  })

  it('sends a conversation of exactly one window whole, with nothing before it', async () => {
    const { harness } = await withMessages(FIRST_WINDOW_MESSAGES)
    const opened = await harness.call('conversations:get', { id: LONG })
    expect(ids(opened.messages)).toEqual(range(0, FIRST_WINDOW_MESSAGES))
    expect(opened.olderCount).toBe(0)
  })

  it('sends only the newest messages of a long conversation, oldest first, and how many come before them', async () => {
    const { harness } = await withMessages(1_000)
    const opened = await harness.call('conversations:get', { id: LONG })
    expect(ids(opened.messages)).toEqual(range(1_000 - FIRST_WINDOW_MESSAGES, 1_000))
    expect(opened.olderCount).toBe(1_000 - FIRST_WINDOW_MESSAGES)
    expect(opened).toMatchObject({ title: 'Long chat', messageCount: 1_000 })
  })

  it('pages back to the first message, each page just before the one asked about', async () => {
    const { harness } = await withMessages(250)
    const first = await harness.call('conversations:page', { id: LONG, before: 'm190', limit: 100 })
    expect(ids(first.messages)).toEqual(range(90, 190))
    expect(first.olderCount).toBe(90)
    const last = await harness.call('conversations:page', { id: LONG, before: 'm90', limit: 100 })
    expect(ids(last.messages)).toEqual(range(0, 90))
    expect(last.olderCount).toBe(0)
  })

  it('answers a page before the first message with nothing', async () => {
    const { harness } = await withMessages(10)
    expect(await harness.call('conversations:page', { id: LONG, before: 'm0', limit: 100 })).toEqual({
      messages: [],
      olderCount: 0,
    })
  })

  it('says a page cannot be found when the message it starts before is gone', async () => {
    const { harness } = await withMessages(10)
    await expect(
      harness.call('conversations:page', { id: LONG, before: 'no-such-message', limit: 10 }),
    ).rejects.toMatchObject({ error: { kind: 'not-found' } })
    await expect(
      harness.call('conversations:page', { id: 'no-such-chat', before: 'm1', limit: 10 }),
    ).rejects.toMatchObject({ error: { kind: 'not-found' } })
  })

  it('shows an answer cut off by a crash as cut off in an older page too', async () => {
    const { harness } = await withMessages(200, (index) => (index === 5 ? { state: 'streaming' } : {}))
    const page = await harness.call('conversations:page', { id: LONG, before: 'm100', limit: 100 })
    expect(page.messages[5]).toMatchObject({ id: 'm5', state: 'error', error: { kind: 'stream-cut' } })
  })

  it('hands out copies: changing a window changes nothing stored', async () => {
    const { harness } = await withMessages(100)
    const opened = await harness.call('conversations:get', { id: LONG })
    opened.messages[0].parts = []
    const again = await harness.call('conversations:get', { id: LONG })
    expect(again.messages[0].parts).toEqual([{ kind: 'text', text: 'Message 40' }])
  })

  it('tells the context meter where the conversation stands when no newest message says so', async () => {
    const context = { inputTokens: 5_000, outputTokens: 200, inputChars: 20_000 }
    const { harness } = await withMessages(200, (index) => (index === 99 || index === 101 ? { context } : {}))
    expect((await harness.call('conversations:get', { id: LONG })).olderContext).toEqual(context)
  })

  it('includes the answer being written as the newest message of the window', async () => {
    const { harness, fake } = await withMessages(200)
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 2 })
    await harness.call('chat:send', { conversationId: LONG, text: 'One more thing' })
    await harness.waitUntil(() => harness.shownAnswerText(LONG) === 'word0 word1 ')

    const opened = await harness.call('conversations:get', { id: LONG })
    expect(opened.messages.at(-2)).toMatchObject({ role: 'user', parts: [{ text: 'One more thing' }] })
    expect(opened.messages.at(-1)).toMatchObject({
      role: 'assistant',
      state: 'streaming',
      parts: [{ text: 'word0 word1 ' }],
    })
    expect(opened.olderCount + opened.messages.length).toBe(202)
    expect(opened.seq).toBe(harness.chatEvents.filter((event) => event.conversationId === LONG).length)
  })
})

describe('the page channel', () => {
  let app: OfflineApp
  afterEach(() => app?.close())

  const refused = [
    { id: LONG, before: 'm1', limit: MAX_PAGE_MESSAGES + 1 },
    { id: LONG, before: 'm1', limit: 0 },
    { id: LONG, before: 'm1', limit: 2.5 },
    { id: LONG, before: 'm1' },
    { id: LONG, limit: 10 },
    { id: LONG, before: '', limit: 10 },
    { id: LONG, before: 'm1', limit: 10, after: 'm0' },
  ]
  it.each(refused)('refuses %j before it reaches the conversations', async (payload) => {
    app = await startOfflineApp('codex-desk-paging-')
    const result = await app.services.dispatch('conversations:page', payload)
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-payload' } })
  })

  it('takes up to the most messages a page may hold', async () => {
    app = await startOfflineApp('codex-desk-paging-')
    const result = await app.services.dispatch('conversations:page', {
      id: LONG,
      before: 'm1',
      limit: MAX_PAGE_MESSAGES,
    })
    // Valid, so it reaches the store, which has no such conversation.
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } })
  })
})
