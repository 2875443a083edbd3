import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { defaultModelCatalog } from '../../../src/fake-codex/models-catalog'
import { storagePaths } from '../../../src/main/storage/paths'
import type { ChatEvent, MessagePart } from '../../../src/shared/domain'
import { setupChat } from './support/setup'

type ReasoningPart = Extract<MessagePart, { kind: 'reasoning' }>

describe('chat turns', () => {
  it("saves the user's message to disk before the request leaves", async () => {
    let onDiskWhenSent: unknown[] = []
    const chat = await setupChat({
      async beforeRequest() {
        const file = await readFile(storagePaths(chat.dataDir).conversation(chat.id), 'utf8')
        onDiskWhenSent = file
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line))
          .filter((record) => record.type === 'message' && record.message.role === 'user')
          .map((record) => record.message)
      },
    })
    chat.fake.responses.enqueue({ kind: 'text', text: 'Hi!' })

    await chat.ask('Hello')

    expect(onDiskWhenSent).toMatchObject([{ role: 'user', parts: [{ kind: 'text', text: 'Hello' }] }])
  })

  it('streams reasoning and text into one answer that ends done with usage', async () => {
    const { fake, store, harness, id, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'text', reasoning: ['**Greeting**', 'Be warm.'], text: 'Hello there, friend.' })

    const message = await ask('Hello')

    expect(message).toMatchObject({ state: 'done', model: 'gpt-5.4', effort: 'medium' })
    expect(message.usage?.totalTokens).toBeGreaterThan(0)
    expect(message.parts).toMatchObject([
      { kind: 'reasoning', summary: ['**Greeting**', 'Be warm.'], item: { type: 'reasoning' } },
      { kind: 'text', text: 'Hello there, friend.' },
    ])
    expect((message.parts[0] as ReasoningPart).item?.encrypted_content).toMatch(/^gAAAA/)
    expect((await store.get(id)).messages.at(-1)).toEqual(message)
    const types = new Set(harness.chatEvents.map((event) => event.type))
    expect(types).toEqual(
      new Set(['turn-started', 'part-added', 'reasoning-delta', 'part-updated', 'text-delta', 'turn-finished']),
    )
  })

  it('takes the answer from the finished item when the stream sends no deltas', async () => {
    const { fake, ask } = await setupChat()
    const fixture = [
      'event: response.created',
      'data: {"type":"response.created","response":{"id":"resp1"}}',
      '',
      'event: response.output_item.done',
      'data: {"type":"response.output_item.done","item":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"fixture hello"}]}}',
      '',
      'event: response.completed',
      'data: {"type":"response.completed","response":{"id":"resp1","output":[]}}',
      '',
      '',
    ].join('\n')
    fake.responses.enqueue({ kind: 'raw', body: fixture })
    expect(await ask('Hi')).toMatchObject({ state: 'done', parts: [{ kind: 'text', text: 'fixture hello' }] })
  })

  it('shows an answer the backend cut short with its reason', async () => {
    const { fake, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'incomplete', reason: 'max_output_tokens', text: 'A long story that' })
    expect(await ask('Tell me everything')).toMatchObject({
      state: 'incomplete',
      incompleteReason: 'max_output_tokens',
      parts: [{ kind: 'text', text: 'A long story that' }],
    })
  })
})

describe('conversation history', () => {
  it('replays reasoning verbatim, without ids, in order with tool calls, on the next turn', async () => {
    const { fake, ask, inputs } = await setupChat()
    fake.responses.enqueue(
      {
        kind: 'function-calls',
        reasoning: ['Need the time.'],
        calls: [{ name: 'get_current_time', arguments: '{}', callId: 'call_1' }],
      },
      { kind: 'text', reasoning: ['Now answer.'], text: 'It is noon.' },
      { kind: 'text', text: 'You are welcome.' },
    )
    const first = await ask('What time is it?')
    await ask('Thanks')

    const input = inputs()[2]
    expect(input.map((item) => item.type)).toEqual([
      'message',
      'reasoning',
      'function_call',
      'function_call_output',
      'reasoning',
      'message',
      'message',
    ])
    const items = first.parts.filter((part): part is ReasoningPart => part.kind === 'reasoning').map((p) => p.item)
    const withoutId = ({ id: _id, ...rest }: Record<string, unknown> = {}) => rest
    expect(input[1]).toEqual(withoutId(items[0]))
    expect(input[4]).toEqual(withoutId(items[1]))
    expect(input[1]).toHaveProperty('encrypted_content')
    expect(input[2]).toEqual({ type: 'function_call', name: 'get_current_time', arguments: '{}', call_id: 'call_1' })
    expect(input[3]).toMatchObject({ type: 'function_call_output', call_id: 'call_1' })
    expect(JSON.stringify(inputs())).not.toMatch(/"id":/)
  })

  it('sends the system prompt, the conversation id and the tools with each request', async () => {
    const { fake, harness, id, ask } = await setupChat()
    harness.settings.update({ instructions: 'Be brief.' })
    fake.responses.enqueue({ kind: 'text', text: 'Ok.' })
    await ask('Hi')
    const { headers, body } = fake.responses.requests[0]
    expect(body).toMatchObject({
      model: 'gpt-5.4',
      instructions: 'Be brief.',
      prompt_cache_key: id,
      parallel_tool_calls: true,
      reasoning: { effort: 'medium', summary: 'auto' },
      tools: [{ type: 'function', name: 'get_current_time' }],
    })
    expect(headers.session_id).toBe(id)
  })

  it('remembers the model of the last message sent as the default for new chats', async () => {
    const { fake, harness, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'text', text: 'Ok.' })
    await ask('Hi')
    expect(await harness.newChatModel()).toEqual({ model: 'gpt-5.4', effort: 'medium' })
  })
})

describe('busy conversations', () => {
  const isTextDelta = (event: ChatEvent): event is Extract<ChatEvent, { type: 'text-delta' }> =>
    event.type === 'text-delta'

  it('refuses a second message while a reply is still streaming', async () => {
    const { fake, harness, id } = await setupChat()
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 2 })
    await harness.call('chat:send', { conversationId: id, text: 'First' })
    await harness.waitForEvent(isTextDelta)
    await expect(harness.call('chat:send', { conversationId: id, text: 'Second' })).rejects.toMatchObject({
      error: { kind: 'busy' },
    })
  })

  it('keeps streaming in one conversation while another one gets its answer', async () => {
    const { fake, store, harness, id } = await setupChat()
    const other = (await store.create({ model: 'gpt-5.4', effort: null, workspace: null })).id
    fake.responses.enqueue({ kind: 'idle', afterDeltas: 2 }, { kind: 'text', text: 'Done here.' })
    await harness.call('chat:send', { conversationId: id, text: 'Long one' })
    await harness.waitForEvent(isTextDelta)

    const finished = harness.nextFinished(other)
    await harness.call('chat:send', { conversationId: other, text: 'Quick one' })
    expect(await finished).toMatchObject({ state: 'done', parts: [{ kind: 'text', text: 'Done here.' }] })

    const stopped = harness.nextFinished(id)
    await harness.call('chat:stop', { conversationId: id })
    expect(await stopped).toMatchObject({ state: 'cancelled', parts: [{ kind: 'text', text: 'word0 word1 ' }] })
  })
})

describe('model and effort', () => {
  it('sends the nearest effort the model accepts', async () => {
    const { fake, store, harness } = await setupChat()
    const { id } = await store.create({ model: 'gpt-5.4', effort: 'minimal', workspace: null })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Hi' })
    expect(await finished).toMatchObject({ state: 'done', effort: 'low' })
    expect(fake.responses.requests[0].body).toMatchObject({ reasoning: { effort: 'low' } })
  })

  it('asks for no reasoning from a model that does not reason', async () => {
    const { fake, store, harness } = await setupChat({
      async prepare(_dataDir, fake) {
        const [first] = defaultModelCatalog()
        fake.responses.setModels([first, { ...first, slug: 'gpt-5.4-plain', supported_reasoning_levels: [] }])
      },
    })
    await harness.waitUntil(() => harness.modelEvents.length > 0)
    const { id } = await store.create({ model: 'gpt-5.4-plain', effort: 'high', workspace: null })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Hi' })
    const message = await finished
    expect(message.state).toBe('done')
    expect(message.effort).toBeUndefined()
    expect((fake.responses.requests[0].body as { reasoning?: unknown }).reasoning ?? null).toBeNull()
  })
})
