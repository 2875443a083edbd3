import { describe, expect, it } from 'vitest'
import { createUsageMeter } from '../../../src/main/chat/usage-meter'
import { answer } from './support/events'
import { setupChat } from './support/setup'

describe('usage meters', () => {
  it('shows the latest usage windows the backend reported', async () => {
    const { backend, harness, ask } = await setupChat()
    expect(await harness.call('usage:get', undefined)).toBeNull()
    const primary = { usedPercent: 42, windowMinutes: 300, resetsAt: 1_800_000_000_000 }
    backend.enqueue({ events: answer('Ok.'), usageLimits: { primary, updatedAt: 5 } })

    await ask('Hi')

    expect(harness.usageEvents).toEqual([{ primary, updatedAt: 5 }])
    expect(await harness.call('usage:get', undefined)).toEqual({ primary, updatedAt: 5 })
  })

  it('keeps the weekly window when only the 5-hour one is updated', () => {
    const meter = createUsageMeter(() => 7)
    meter.update({ primary: { usedPercent: 10 }, secondary: { usedPercent: 50 } })
    meter.update({ primary: { usedPercent: 20 } })
    expect(meter.current()).toEqual({ primary: { usedPercent: 20 }, secondary: { usedPercent: 50 }, updatedAt: 7 })
  })
})
