import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FakeCodex } from '../../../src/fake-codex/server'
import { makeClient, run, startFake } from './support'

let fake: FakeCodex
beforeAll(async () => {
  fake = await startFake()
})
afterAll(() => fake.close())
beforeEach(() => fake.responses.reset())

describe('usage meters from response headers', () => {
  it('reports the 5-hour and weekly windows and the plan', async () => {
    fake.responses.enqueue({
      kind: 'text',
      text: 'ok',
      rateLimits: {
        primary: { usedPercent: 42, windowMinutes: 300, resetAt: 1_800_000_000 },
        secondary: { usedPercent: 7.5, windowMinutes: 10_080, resetAt: 1_800_500_000 },
        planType: 'plus',
      },
    })
    const result = await run(makeClient(fake))

    expect(result.limits).toEqual([
      {
        primary: { usedPercent: 42, windowMinutes: 300, resetsAt: 1_800_000_000_000 },
        secondary: { usedPercent: 7.5, windowMinutes: 10_080, resetsAt: 1_800_500_000_000 },
        planType: 'plus',
        updatedAt: expect.any(Number),
      },
    ])
  })

  it('leaves a window the backend did not send undefined', async () => {
    fake.responses.enqueue({ kind: 'text', text: 'ok', rateLimits: { primary: { usedPercent: 10 } } })
    const result = await run(makeClient(fake))

    expect(result.limits).toHaveLength(1)
    expect(result.limits[0].primary).toEqual({ usedPercent: 10 })
    expect(result.limits[0].secondary).toBeUndefined()
  })

  it('reads the meters on an error answer too', async () => {
    fake.responses.enqueue({
      kind: 'usage-limit',
      resetsAt: 1_800_000_000,
      rateLimits: { primary: { usedPercent: 100, windowMinutes: 300 } },
    })
    const result = await run(makeClient(fake))

    expect(result.error?.kind).toBe('usage-limit')
    expect(result.limits[0].primary).toEqual({ usedPercent: 100, windowMinutes: 300 })
  })

  it('reports nothing when the response has no usage headers', async () => {
    const result = await run(makeClient(fake))

    expect(result.outcome?.status).toBe('completed')
    expect(result.limits).toEqual([])
  })
})
