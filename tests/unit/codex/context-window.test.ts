import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultModelCatalog } from '../../../src/fake-codex/models-catalog'
import type { FakeCodex } from '../../../src/fake-codex/server'
import { SUMMARIZATION_INSTRUCTIONS } from '../../../src/main/chat/compaction-prompt'
import { ACCOUNT, GOOD_TOKEN, makeClient, request, run, startFake } from './support'

// The fake backend is as strict about the context window as the real one (codex.md §0 "context window", §4.4).

let fake: FakeCodex
beforeEach(async () => {
  fake = await startFake()
  fake.responses.setModels(defaultModelCatalog().map((model) => ({ ...model, context_window: 1_000 })))
})
afterEach(() => fake.close())

function userInput(text: string) {
  return [{ type: 'message' as const, role: 'user' as const, content: [{ type: 'input_text' as const, text }] }]
}

async function post(body: unknown): Promise<Response> {
  return fetch(`${fake.baseUrl}/responses`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${GOOD_TOKEN}`,
      'chatgpt-account-id': ACCOUNT.accountId,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  })
}

describe('the fake backend and the context window', () => {
  it('answers an input over the window with context_length_exceeded in a 200 stream, as the real one does', async () => {
    const body = {
      model: 'gpt-5.4',
      instructions: 'Be brief.',
      input: userInput('x'.repeat(4_200)),
      store: false,
      stream: true,
    }

    const response = await post(body)

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const stream = await response.text()
    expect(stream).toContain('"type":"response.failed"')
    expect(stream).toContain('"code":"context_length_exceeded"')
  })

  it('is reported by the client as a context-length error, never retried', async () => {
    const result = await run(makeClient(fake), request({ input: userInput('x'.repeat(4_200)) }))

    expect(result.error).toMatchObject({ kind: 'context-length', code: 'context_length_exceeded' })
    expect(result.retries).toEqual([])
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('reports input tokens derived from the size of the request', async () => {
    const result = await run(makeClient(fake), request({ input: userInput('y'.repeat(2_000)) }))

    const sent = JSON.stringify(fake.responses.requests[0].body).length
    expect(result.outcome?.usage?.inputTokens).toBe(Math.ceil(sent / 4))
  })

  it('writes a summary when asked with the summarisation instructions, leaving scripted answers queued', async () => {
    fake.responses.enqueue({ kind: 'text', text: 'Scripted answer.' })
    const input = [
      ...userInput('How do I bake bread?'),
      {
        type: 'message' as const,
        role: 'assistant' as const,
        content: [{ type: 'output_text' as const, text: 'Knead it.' }],
      },
      ...userInput('Summarise the conversation above.'),
    ]

    const summary = await run(makeClient(fake), request({ instructions: SUMMARIZATION_INSTRUCTIONS, input }))
    const next = await run(makeClient(fake), request())

    expect(summary.text).toContain('The user wrote: "How do I bake bread?"')
    expect(summary.text).toContain('The assistant answered: "Knead it."')
    expect(summary.text).not.toContain('Summarise the conversation')
    expect(next.text).toBe('Scripted answer.')
  })
})
