import { describe, expect, it } from 'vitest'

import { answer, reasoningItem as reasoning, usage } from './support/events'
import { createChatHarness } from './support/harness'
import { createMemoryStore } from './support/memory-store'
import { createScriptedClient } from './support/scripted-client'

async function setup() {
  const store = createMemoryStore()
  const backend = createScriptedClient()
  const harness = createChatHarness({ client: backend.client, store })
  const { id } = await store.create({ model: 'gpt-5.4', effort: 'medium', workspace: null })
  return { store, backend, harness, id }
}

describe('chat turns', () => {
  it("saves the user's message before the request leaves", async () => {
    const { store, backend, harness, id } = await setup()
    let saved: unknown[] = []
    backend.enqueue({
      events: answer('Hi!'),
      async onRequest() {
        saved = (await store.get(id)).messages.filter((message) => message.role === 'user')
      },
    })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Hello' })
    await finished
    expect(saved).toMatchObject([{ role: 'user', parts: [{ kind: 'text', text: 'Hello' }] }])
  })

  it('streams reasoning and text into one answer that ends done with usage', async () => {
    const { store, backend, harness, id } = await setup()
    backend.enqueue({
      events: [
        { type: 'reasoning-summary-delta', outputIndex: 0, itemId: 'rs_1', summaryIndex: 0, delta: 'thought 1' },
        { type: 'output-item-done', outputIndex: 0, item: reasoning(1) },
        ...answer('Hello there', 1),
      ],
      end: { status: 'completed', usage },
    })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Hello' })
    const message = await finished

    expect(message).toMatchObject({ state: 'done', usage, model: 'gpt-5.4', effort: 'medium' })
    expect(message.parts).toEqual([
      { kind: 'reasoning', summary: ['thought 1'], item: reasoning(1) },
      { kind: 'text', text: 'Hello there' },
    ])
    expect((await store.get(id)).messages.at(-1)).toEqual(message)
    expect(harness.chatEvents.map((event) => event.type)).toEqual([
      'turn-started',
      'part-added',
      'reasoning-delta',
      'part-updated',
      'part-added',
      'turn-finished',
    ])
  })
})

describe('conversation history', () => {
  it('replays reasoning verbatim, without ids, in order with tool calls, on the next turn', async () => {
    const { backend, harness, id } = await setup()
    backend.enqueue(
      {
        events: [
          { type: 'output-item-done', outputIndex: 0, item: reasoning(1) },
          {
            type: 'output-item-done',
            outputIndex: 1,
            item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_current_time', arguments: '{}' },
          },
        ],
      },
      { events: [{ type: 'output-item-done', outputIndex: 0, item: reasoning(2) }, ...answer('It is noon.', 1)] },
      { events: answer('You are welcome.') },
    )
    let finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'What time is it?' })
    await finished
    finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Thanks' })
    await finished

    const input = backend.requests[2].input
    expect(input.map((item) => item.type)).toEqual([
      'message',
      'reasoning',
      'function_call',
      'function_call_output',
      'reasoning',
      'message',
      'message',
    ])
    const { id: _1, ...first } = reasoning(1)
    const { id: _2, ...second } = reasoning(2)
    expect(input[1]).toEqual(first)
    expect(input[4]).toEqual(second)
    expect(input[2]).toEqual({ type: 'function_call', name: 'get_current_time', arguments: '{}', call_id: 'call_1' })
    expect(input[3]).toMatchObject({ type: 'function_call_output', call_id: 'call_1' })
    expect(JSON.stringify(backend.requests)).not.toMatch(/"id":/)
  })

  it('sends the system prompt, the conversation id and the tools with each request', async () => {
    const { backend, harness, id } = await setup()
    harness.settings.update({ instructions: 'Be brief.' })
    backend.enqueue({ events: answer('Ok.') })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Hi' })
    await finished
    expect(backend.requests[0]).toMatchObject({
      model: 'gpt-5.4',
      instructions: 'Be brief.',
      conversationId: id,
      parallelToolCalls: true,
      reasoning: { effort: 'medium', summary: 'auto' },
    })
    expect(backend.requests[0].tools.map((tool) => tool.name)).toEqual(['get_current_time'])
  })

  it('remembers the model of the last message sent as the default for new chats', async () => {
    const { backend, harness, id } = await setup()
    backend.enqueue({ events: answer('Ok.') })
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Hi' })
    await finished
    expect(harness.chat.defaultModel()).toEqual({ model: 'gpt-5.4', effort: 'medium' })
  })
})

describe('busy conversations', () => {
  it('refuses a second message while a reply is still streaming', async () => {
    const { backend, harness, id } = await setup()
    backend.enqueue({ events: answer('Thinking'), end: 'hang' })
    await harness.call('chat:send', { conversationId: id, text: 'First' })
    await expect(harness.call('chat:send', { conversationId: id, text: 'Second' })).rejects.toMatchObject({
      error: { kind: 'busy' },
    })
    await harness.call('chat:stop', { conversationId: id })
  })

  it('keeps streaming in one conversation while another one gets its answer', async () => {
    const { store, backend, harness, id } = await setup()
    const other = (await store.create({ model: 'gpt-5.4', effort: null, workspace: null })).id
    backend.enqueue({ events: answer('Still going'), end: 'hang' }, { events: answer('Done here.') })
    await harness.call('chat:send', { conversationId: id, text: 'Long one' })
    const finished = harness.nextFinished(other)
    await harness.call('chat:send', { conversationId: other, text: 'Quick one' })
    expect(await finished).toMatchObject({ state: 'done', parts: [{ kind: 'text', text: 'Done here.' }] })
    const stopped = harness.nextFinished(id)
    await harness.call('chat:stop', { conversationId: id })
    expect(await stopped).toMatchObject({ state: 'cancelled' })
  })
})
