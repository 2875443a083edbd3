import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defaultModelCatalog } from '../../../src/fake-codex/models-catalog'
import type { FakeCodex } from '../../../src/fake-codex/server'
import { ACCOUNT, GOOD_TOKEN, makeClient, signedOut, startFake } from './support'

let fake: FakeCodex
beforeAll(async () => {
  fake = await startFake()
})
afterAll(() => fake.close())
beforeEach(() => fake.responses.reset())

describe('listing models', () => {
  it("maps the backend's list in its priority order: today's models, GPT-5.6 Sol first", async () => {
    const models = (await makeClient(fake).listModels()) ?? []

    expect(models.map((model) => model.id)).toEqual([
      'gpt-5.6-sol',
      'gpt-5.6-terra',
      'gpt-5.6-luna',
      'gpt-5.5',
      'gpt-5.4',
      'gpt-5.4-mini',
    ])
    expect(models[3]).toEqual({
      id: 'gpt-5.5',
      displayName: 'GPT-5.5',
      description: 'GPT-5.5 on the fake backend.',
      contextWindow: 272_000,
      maxOutputTokens: 128_000,
      efforts: ['low', 'medium', 'high', 'xhigh'],
      defaultEffort: 'medium',
      capabilities: { tools: true, images: true, reasoning: true, reasoningSummaries: true, parallelToolCalls: true },
      source: 'backend',
    })
  })

  it('takes context windows and efforts from the endpoint, keeping efforts the app does not know by name', async () => {
    const [sol] = (await makeClient(fake).listModels()) ?? []

    expect(sol).toMatchObject({
      id: 'gpt-5.6-sol',
      contextWindow: 372_000,
      efforts: ['low', 'medium', 'high', 'xhigh', 'max', 'ultra'],
    })
  })

  it('keeps unknown efforts in the order the backend gives them', async () => {
    const [first] = defaultModelCatalog()
    fake.responses.setModels([
      {
        ...first,
        supported_reasoning_levels: ['ultra', 'low', 'max'].map((effort) => ({ effort, description: effort })),
        default_reasoning_level: 'max',
      },
    ])
    const [model] = (await makeClient(fake).listModels()) ?? []

    expect(model).toMatchObject({ efforts: ['ultra', 'low', 'max'], defaultEffort: 'max' })
  })

  it('drops hidden models', async () => {
    const models = (await makeClient(fake).listModels()) ?? []

    expect(models.some((model) => model.id === 'gpt-5.6-internal')).toBe(false)
  })

  it('orders by priority when the backend gives one', async () => {
    const [first, second] = defaultModelCatalog()
    fake.responses.setModels([
      { ...first, priority: 9 },
      { ...second, priority: 1 },
    ])
    const models = (await makeClient(fake).listModels()) ?? []

    expect(models.map((model) => model.id)).toEqual([second.slug, first.slug])
  })

  it('gives a model the registry does not know text and tool use', async () => {
    const [first] = defaultModelCatalog()
    fake.responses.setModels([
      {
        ...first,
        slug: 'gpt-6-astra',
        input_modalities: undefined as unknown as string[],
        supported_reasoning_levels: [],
      },
    ])
    const [model] = (await makeClient(fake).listModels()) ?? []

    expect(model).toMatchObject({ id: 'gpt-6-astra', efforts: [], capabilities: { tools: true, images: false } })
  })

  it('asks with the client version and the sign-in headers', async () => {
    await makeClient(fake).listModels()

    const [sent] = fake.responses.modelRequests
    expect(sent.path).toBe('/backend-api/codex/models?client_version=1.0.0')
    expect(sent.headers).toMatchObject({
      authorization: 'Bearer test-access-token',
      'chatgpt-account-id': ACCOUNT.accountId,
      originator: 'codex_desk',
    })
  })

  it('asks the backend every time: when to refresh is decided by the model list', async () => {
    const client = makeClient(fake)
    await client.listModels()
    await client.listModels()

    expect(fake.responses.modelRequests).toHaveLength(2)
  })

  it('has no list when /models fails', async () => {
    fake.responses.failModels({ status: 500 })

    expect(await makeClient(fake).listModels()).toBeNull()
  })

  it('has no list when /models answers nonsense', async () => {
    fake.responses.failModels({ status: 200, body: '<html>' })

    expect(await makeClient(fake).listModels()).toBeNull()
  })

  it('has no list, and asks nothing, when signed out', async () => {
    expect(await makeClient(fake, { tokens: signedOut }).listModels()).toBeNull()
    expect(fake.responses.modelRequests).toHaveLength(0)
  })
})

describe('the fake backend is as strict as the real one', () => {
  const auth = { authorization: `Bearer ${GOOD_TOKEN}`, 'chatgpt-account-id': ACCOUNT.accountId }

  it('refuses /models without client_version', async () => {
    const response = await fetch(`${fake.baseUrl}/models`, { headers: auth })

    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ detail: 'missing client_version' })
  })

  it('refuses /models without a valid token', async () => {
    const missing = await fetch(`${fake.baseUrl}/models?client_version=1.0.0`)
    const wrong = await fetch(`${fake.baseUrl}/models?client_version=1.0.0`, {
      headers: { ...auth, authorization: 'Bearer not-a-token' },
    })

    expect(missing.status).toBe(401)
    expect(wrong.status).toBe(401)
  })

  it.each(['gpt-4.1', 'gpt-4o-mini', 'o3', 'o4-mini', 'gpt-5.2', 'gpt-5.3-codex', 'gpt-5.3-codex-spark'])(
    'refuses the retired model %s with the real 400',
    async (slug) => {
      const response = await fetch(`${fake.baseUrl}/responses`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ model: slug, instructions: 'Hi', input: [], store: false, stream: true }),
      })

      expect(response.status).toBe(400)
      expect(await response.text()).toBe(
        JSON.stringify({ detail: `The '${slug}' model is not supported when using Codex with a ChatGPT account.` }),
      )
    },
  )

  it('serves exactly what its /models lists', async () => {
    fake.responses.setModels(defaultModelCatalog().filter((model) => model.slug !== 'gpt-5.4'))
    const response = await fetch(`${fake.baseUrl}/responses`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5.4', instructions: 'Hi', input: [], store: false, stream: true }),
    })

    expect(response.status).toBe(400)
    await response.body?.cancel()
  })
})
