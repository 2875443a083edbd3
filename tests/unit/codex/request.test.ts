import os from 'node:os'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FakeCodex } from '../../../src/fake-codex/server'
import type { InputItem } from '../../../src/main/codex/types'
import { ACCOUNT, makeClient, request, run, startFake } from './support'

let fake: FakeCodex
beforeAll(async () => {
  fake = await startFake()
})
afterAll(() => fake.close())
beforeEach(() => fake.responses.reset())

const tool = {
  type: 'function' as const,
  name: 'read_file',
  description: 'Read a file',
  strict: false,
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
}

describe('the request sent to /responses', () => {
  it('carries the Codex headers and the conversation id', async () => {
    await run(makeClient(fake))

    const { headers } = fake.responses.requests[0]
    expect(headers).toMatchObject({
      authorization: 'Bearer test-access-token',
      'chatgpt-account-id': ACCOUNT.accountId,
      originator: 'codex_desk',
      'user-agent': `codex_desk/1.2.3 (${os.type()} ${os.release()}; ${os.arch()})`,
      'openai-beta': 'responses=experimental',
      accept: 'text/event-stream',
      'content-type': 'application/json',
      session_id: 'conv-1234',
      'session-id': 'conv-1234',
    })
  })

  it('sends exactly the body the protocol allows', async () => {
    await run(makeClient(fake), request({ tools: [tool] }))

    expect(fake.responses.requests[0].body).toEqual({
      model: 'gpt-5.4',
      instructions: 'You are a helpful assistant.',
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello there' }] }],
      tools: [tool],
      tool_choice: 'auto',
      parallel_tool_calls: true,
      reasoning: { effort: 'medium', summary: 'auto' },
      store: false,
      stream: true,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'conv-1234',
    })
  })

  it('leaves reasoning out for a model without it', async () => {
    await run(makeClient(fake), request({ model: 'gpt-5.4-mini', reasoning: null, parallelToolCalls: false }))

    const body = fake.responses.requests[0].body as Record<string, unknown>
    expect(body).not.toHaveProperty('reasoning')
    expect(body.include).toEqual([])
    expect(body.parallel_tool_calls).toBe(false)
  })

  it('strips item ids from replayed history so the backend accepts it', async () => {
    const input = [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Read it' }] },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA' },
      { type: 'function_call', id: 'fc_1', name: 'read_file', arguments: '{"path":"a"}', call_id: 'call_1' },
      { type: 'function_call_output', call_id: 'call_1', output: 'contents' },
    ] as InputItem[]
    const result = await run(makeClient(fake), request({ input }))

    expect(result.outcome?.status).toBe('completed')
    const sent = (fake.responses.requests[0].body as { input: Array<Record<string, unknown>> }).input
    expect(sent.some((item) => 'id' in item)).toBe(false)
    expect(sent[1]).toEqual({ type: 'reasoning', summary: [], encrypted_content: 'gAAAA' })
  })

  it('never sends the fields the backend rejects', async () => {
    await run(makeClient(fake))

    const body = fake.responses.requests[0].body as Record<string, unknown>
    for (const field of ['max_output_tokens', 'temperature', 'top_p', 'previous_response_id', 'service_tier']) {
      expect(body).not.toHaveProperty(field)
    }
  })
})

describe('the fake checks requests like the real backend', () => {
  async function post(body: Record<string, unknown>) {
    const response = await fetch(`${fake.baseUrl}/responses`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer test-access-token',
        'chatgpt-account-id': ACCOUNT.accountId,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as { detail?: string } }
  }
  const valid = { model: 'gpt-5.4', instructions: 'Hi', input: [], tools: [], store: false, stream: true }

  it.each([
    [{ store: true }, 'Store must be set to false'],
    [{ instructions: undefined }, 'Instructions are required'],
    [{ max_output_tokens: 100 }, 'Unsupported parameter: max_output_tokens'],
    [{ temperature: 0.2 }, 'Unsupported parameter: temperature'],
    [{ input: [{ type: 'message', id: 'msg_1', role: 'user', content: [] }] }, "Item with id 'msg_1' not found."],
    [{ input: [{ type: 'function_call_output', call_id: 'call_9', output: 'x' }] }, 'call_9'],
    [{ model: 'gpt-5.1-codex-mini' }, "The 'gpt-5.1-codex-mini' model is not supported"],
  ])('rejects %j', async (change, detail) => {
    const result = await post({ ...valid, ...change })

    expect(result.status).toBe(400)
    expect(result.body.detail).toContain(detail)
  })

  it('refuses an unknown token with token_expired', async () => {
    const response = await fetch(`${fake.baseUrl}/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      body: JSON.stringify(valid),
    })

    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'token_expired' } })
  })
})

describe('with a token from the fake issuer', () => {
  it('streams an answer for a signed-in account', async () => {
    const issued = fake.issuer.issueTokens()
    const payload = JSON.parse(Buffer.from(issued.access_token.split('.')[1], 'base64url').toString('utf8'))
    const accountId: string = payload['https://api.openai.com/auth'].chatgpt_account_id
    const tokens = {
      getCredentials: async () => ({ accessToken: issued.access_token, accountId }),
      refreshAfterUnauthorized: async () => ({ accessToken: issued.access_token, accountId }),
    }
    const result = await run(makeClient(fake, { tokens }))

    expect(result.outcome?.status).toBe('completed')
    expect(result.text).toContain('Hello there')
  })
})
