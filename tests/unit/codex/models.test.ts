import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { defaultModelCatalog } from '../../../src/fake-codex/models-catalog'
import type { FakeCodex } from '../../../src/fake-codex/server'
import { BUILTIN_MODELS } from '../../../src/shared/models'
import { ACCOUNT, makeClient, signedOut, startFake } from './support'

let fake: FakeCodex
beforeAll(async () => {
  fake = await startFake()
})
afterAll(() => fake.close())
beforeEach(() => fake.responses.reset())

describe('listing models', () => {
  it("maps the backend's list in its order", async () => {
    const models = await makeClient(fake).listModels()

    expect(models.map((model) => model.id)).toEqual([
      'gpt-5.5',
      'gpt-5.4',
      'gpt-5.4-mini',
      'gpt-5.3-codex',
      'gpt-5.3-codex-spark',
      'gpt-5.2',
    ])
    expect(models[0]).toEqual({
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
    expect(models.find((model) => model.id === 'gpt-5.3-codex-spark')).toMatchObject({
      contextWindow: 128_000,
      capabilities: { images: false },
    })
  })

  it('drops hidden models', async () => {
    const models = await makeClient(fake).listModels()

    expect(models.some((model) => model.id === 'gpt-5.1-codex-internal')).toBe(false)
  })

  it('orders by priority when the backend gives one', async () => {
    const [first, second] = defaultModelCatalog()
    fake.responses.setModels([
      { ...first, priority: 9 },
      { ...second, priority: 1 },
    ])
    const models = await makeClient(fake).listModels()

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
    const [model] = await makeClient(fake).listModels()

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

  it('keeps the list until asked to refresh', async () => {
    const client = makeClient(fake)
    await client.listModels()
    await client.listModels()
    expect(fake.responses.modelRequests).toHaveLength(1)

    await client.listModels({ refresh: true })
    expect(fake.responses.modelRequests).toHaveLength(2)
  })

  it('falls back to the built-in registry when /models fails', async () => {
    fake.responses.failModels({ status: 500 })
    const models = await makeClient(fake).listModels()

    expect(models).toEqual(BUILTIN_MODELS)
    expect(models.every((model) => model.source === 'builtin')).toBe(true)
  })

  it('falls back to the built-in registry when /models answers nonsense', async () => {
    fake.responses.failModels({ status: 200, body: '<html>' })
    const models = await makeClient(fake).listModels()

    expect(models).toEqual(BUILTIN_MODELS)
  })

  it('falls back to the built-in registry when signed out', async () => {
    const models = await makeClient(fake, { tokens: signedOut }).listModels()

    expect(models).toEqual(BUILTIN_MODELS)
    expect(fake.responses.modelRequests).toHaveLength(0)
  })

  it('the fake refuses a models request without client_version', async () => {
    const response = await fetch(`${fake.baseUrl}/models`, {
      headers: { authorization: 'Bearer test-access-token', 'chatgpt-account-id': ACCOUNT.accountId },
    })

    expect(response.status).toBe(400)
  })
})
