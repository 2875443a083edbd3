import { describe, expect, it } from 'vitest'
import { createUsageMeter } from '../../../src/main/usage-meter'
import { setupChat } from './support/setup'

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
