import { describe, expect, it } from 'vitest'
import { createUsageMeter } from '../../../src/main/chat/usage-meter'
import { setupChat } from './support/setup'

describe('models', () => {
  it("lists the backend's models", async () => {
    const { harness } = await setupChat()
    const models = await harness.call('models:list', undefined)
    expect(models.length).toBeGreaterThan(0)
    expect(models[0].source).toBe('backend')
  })

  it('offers the first listed model to new chats until one is used', async () => {
    const { harness } = await setupChat()
    const [first] = await harness.call('models:list', undefined)
    expect(harness.chat.defaultModel()).toEqual({ model: first.id, effort: first.defaultEffort ?? null })
  })

  it('starts new chats on gpt-4.1 when the backend cannot list its models', async () => {
    const { fake, harness } = await setupChat()
    fake.responses.failModels({ status: 503 })
    const models = await harness.call('models:list', undefined)
    expect(models.every((model) => model.source === 'builtin')).toBe(true)
    expect(harness.chat.defaultModel().model).toBe('gpt-4.1')
  })

  it('falls back to the built-in default before any list was fetched', async () => {
    const { harness } = await setupChat()
    expect(harness.chat.defaultModel().model).toBe('gpt-4.1')
  })
})

describe('usage meters', () => {
  it('shows the latest usage windows the backend reported', async () => {
    const { fake, harness, ask } = await setupChat()
    expect(await harness.call('usage:get', undefined)).toBeNull()
    fake.responses.enqueue({
      kind: 'text',
      text: 'Ok.',
      rateLimits: { primary: { usedPercent: 42, windowMinutes: 300 }, secondary: { usedPercent: 7 } },
    })

    await ask('Hi')

    const current = await harness.call('usage:get', undefined)
    expect(current).toMatchObject({ primary: { usedPercent: 42, windowMinutes: 300 }, secondary: { usedPercent: 7 } })
    expect(harness.usageEvents.at(-1)).toEqual(current)
  })

  it('keeps the weekly window when only the 5-hour one is updated', () => {
    const meter = createUsageMeter(() => 7)
    meter.update({ primary: { usedPercent: 10 }, secondary: { usedPercent: 50 } })
    meter.update({ primary: { usedPercent: 20 } })
    expect(meter.current()).toEqual({ primary: { usedPercent: 20 }, secondary: { usedPercent: 50 }, updatedAt: 7 })
  })
})
