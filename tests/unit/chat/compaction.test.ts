import { describe, expect, it } from 'vitest'
import { CONTEXT_LENGTH_EXCEEDED } from '../../../src/fake-codex/context-window'
import { defaultModelCatalog } from '../../../src/fake-codex/models-catalog'
import type { RecordedRequest } from '../../../src/fake-codex/responses'
import { COMPACT_THRESHOLD } from '../../../src/main/chat/compaction'
import { SUMMARIZATION_INSTRUCTIONS, SUMMARY_PREFIX } from '../../../src/main/chat/compaction-prompt'
import { buildInput } from '../../../src/main/chat/input-builder'
import type { InputItem } from '../../../src/main/codex/types'
import type { ChatEvent } from '../../../src/shared/domain'
import { setupChat } from './support/setup'

/**
 * The fake counts 4 characters of a request body as a token. With a 4 000-token window and 2 000-character
 * messages (echoed back by the fake), each exchange adds about 1 100 tokens: the fourth request would pass 90 %
 * of the window, and the whole history would no longer fit.
 */
const WINDOW = 4_000
const LONG = 2_000

function long(label: string): string {
  return `${label} ${'lorem ipsum '.repeat(LONG / 12)}`.slice(0, LONG)
}

/** The conversation's model (gpt-5.4) with a small context window, served before the chat reads `/models` at start. */
async function setupSmallWindow(window = WINDOW) {
  const setup = await setupChat({
    async prepare(_dataDir, fake) {
      fake.responses.setModels(
        defaultModelCatalog().map((model) => (model.slug === 'gpt-5.4' ? { ...model, context_window: window } : model)),
      )
    },
  })
  await setup.harness.waitUntil(() => setup.harness.modelEvents.length > 0)
  return setup
}

const isSummarization = (request: RecordedRequest) =>
  (request.body as { instructions?: string }).instructions === SUMMARIZATION_INSTRUCTIONS

function inputOf(request: RecordedRequest | undefined): InputItem[] {
  expect(request, 'a request reached the fake backend').toBeDefined()
  return (request?.body as { input?: InputItem[] } | undefined)?.input ?? []
}

function textOf(item: InputItem | undefined): string {
  return item?.type === 'message' ? item.content.map((part) => part.text).join('') : ''
}

const bodyTokens = (request: RecordedRequest) => Math.ceil(JSON.stringify(request.body).length / 4)

describe('compaction', () => {
  it('summarises older messages before the window is full, and the request is shorter while every message stays', async () => {
    const { fake, store, id, ask } = await setupSmallWindow()
    for (const label of ['one', 'two', 'three']) await ask(long(label))
    const whole = await store.get(id)

    const answer = await ask(long('four'))

    expect(answer.state).toBe('done')
    const requests = fake.responses.requests
    // Three turns, the summary, the fourth turn: nothing was refused first.
    expect(requests.map(isSummarization)).toEqual([false, false, false, true, false])
    const stored = await store.get(id)
    const sent = inputOf(requests[4])
    expect(textOf(sent[0])).toMatch(new RegExp(`^${SUMMARY_PREFIX.slice(0, 30)}`))
    expect(textOf(sent[0])).toContain('Summary of the earlier conversation')
    const wholeInput = buildInput(stored.messages.slice(0, 7))
    expect(JSON.stringify(wholeInput).length / 4).toBeGreaterThan(WINDOW * COMPACT_THRESHOLD)
    expect(JSON.stringify(sent).length).toBeLessThan(JSON.stringify(wholeInput).length / 2)
    expect(bodyTokens(requests[4])).toBeLessThan(WINDOW * COMPACT_THRESHOLD)

    expect(stored.messages).toHaveLength(8)
    expect(stored.messages.slice(0, 6)).toEqual(whole.messages)
    expect(stored.compactions).toEqual([expect.objectContaining({ throughMessageId: whole.messages[5].id })])
  })

  it('tells the renderer where the summarised part ends', async () => {
    const { harness, store, id, ask } = await setupSmallWindow()
    for (const label of ['one', 'two', 'three', 'four']) await ask(long(label))

    const compacted = harness.chatEvents.filter(
      (event): event is Extract<ChatEvent, { type: 'compacted' }> => event.type === 'compacted',
    )
    expect(compacted.map((event) => event.compaction)).toEqual((await store.get(id)).compactions)
  })

  it('reuses the summary on the next turn instead of summarising again', async () => {
    const { fake, store, id, ask } = await setupSmallWindow()
    for (const label of ['one', 'two', 'three', 'four']) await ask(long(label))
    const [compaction] = (await store.get(id)).compactions

    const answer = await ask('And one short question.')

    expect(answer.state).toBe('done')
    const requests = fake.responses.requests
    expect(requests.filter(isSummarization)).toHaveLength(1)
    const stored = await store.get(id)
    const sent = inputOf(requests.at(-1))
    expect(textOf(sent[0])).toContain(compaction.summary)
    // After the summary: the fourth exchange and the new question, word for word.
    expect(sent.slice(1)).toEqual(buildInput(stored.messages.slice(6, 9)))
    expect(stored.compactions).toHaveLength(1)
  })

  it('summarises and sends again when the backend finds the input too long, and the turn goes on', async () => {
    const { fake, store, id, ask } = await setupChat()
    await ask('First question')
    await ask('Second question')
    fake.responses.enqueue(CONTEXT_LENGTH_EXCEEDED)

    const answer = await ask('Third question')

    expect(answer.state).toBe('done')
    expect(fake.responses.requests.map(isSummarization)).toEqual([false, false, false, true, false])
    const resent = inputOf(fake.responses.requests[4])
    expect(resent.map(textOf)).toEqual([expect.stringContaining(SUMMARY_PREFIX), 'Third question'])
    const stored = await store.get(id)
    expect(stored.messages).toHaveLength(6)
    expect(stored.compactions).toEqual([expect.objectContaining({ throughMessageId: stored.messages[3].id })])
  })

  it('ends the turn with a clear error when the input is still too long after summarising', async () => {
    const { fake, store, id, ask } = await setupChat()
    await ask('First question')
    fake.responses.enqueue(CONTEXT_LENGTH_EXCEEDED, CONTEXT_LENGTH_EXCEEDED)

    const answer = await ask('Second question')

    expect(answer.state).toBe('error')
    expect(answer.error).toMatchObject({ kind: 'context-length', code: 'context_length_exceeded' })
    expect(answer.error?.message).toMatch(/still too long for this model/)
    expect(fake.responses.requests.map(isSummarization)).toEqual([false, false, true, false])
    expect((await store.get(id)).messages).toHaveLength(4)
  })

  it('refuses a first message larger than the window, with nothing to summarise', async () => {
    const { fake, ask } = await setupSmallWindow(400)

    const answer = await ask(long('huge'))

    expect(answer.state).toBe('error')
    expect(answer.error?.message).toMatch(/no older messages left to summarise/)
    expect(fake.responses.requests.filter(isSummarization)).toHaveLength(0)
  })

  it('says so when the older messages are too long even to summarise', async () => {
    // A 3 000-character exchange fits a 950-token window; a request to summarise it (with its instructions) does not.
    const { fake, ask } = await setupSmallWindow(950)
    expect((await ask(long('first').repeat(2).slice(0, 3_000))).state).toBe('done')

    const answer = await ask('Hi again')

    expect(answer.state).toBe('error')
    expect(answer.error?.message).toMatch(/older messages could not be summarised/)
    expect(fake.responses.requests.map(isSummarization)).toEqual([false, true, false, true])
  })
})

describe('context use', () => {
  it("records the last round's context use, not the sum of the tool rounds", async () => {
    const { fake, ask } = await setupChat()
    fake.responses.enqueue(
      { kind: 'function-calls', calls: [{ name: 'get_current_time', arguments: '{}', callId: 'call_1' }] },
      { kind: 'text', text: 'It is noon.' },
    )

    const answer = await ask('What time is it?')

    const [first, last] = fake.responses.requests
    expect(answer.usage?.inputTokens).toBe(bodyTokens(first) + bodyTokens(last))
    expect(answer.context).toEqual({
      inputTokens: bodyTokens(last),
      outputTokens: 3,
      inputChars: JSON.stringify(inputOf(last)).length,
    })
  })

  it('names the compaction an answer was sent with', async () => {
    const { store, id, ask } = await setupSmallWindow()
    for (const label of ['one', 'two', 'three']) await ask(long(label))

    const answer = await ask(long('four'))

    expect(answer.context?.compactionId).toBe((await store.get(id)).compactions[0].id)
  })
})
