import { describe, expect, it } from 'vitest'
import { BUILTIN_MODELS, clampEffort, effortsFor, FALLBACK_DEFAULT_MODEL } from '../../../src/shared/models'

describe('the built-in model registry', () => {
  it('holds the fallback default', () => {
    expect(BUILTIN_MODELS.some((model) => model.id === FALLBACK_DEFAULT_MODEL)).toBe(true)
  })

  it('knows which efforts a model accepts', () => {
    expect(effortsFor('gpt-5.4')).toEqual(['low', 'medium', 'high', 'xhigh'])
    expect(effortsFor('o3')).toEqual(['low', 'medium', 'high'])
    expect(effortsFor('gpt-4.1')).toEqual([])
    expect(effortsFor('no-such-model')).toEqual([])
  })

  it('sends no effort to a model that does not reason', () => {
    expect(clampEffort('gpt-4.1', 'high')).toBeNull()
  })

  it("uses the model's default effort when none was chosen", () => {
    expect(clampEffort('gpt-5.2', null)).toBe('medium')
  })

  it('moves an effort the model does not accept to the nearest one it does', () => {
    expect(clampEffort('o4-mini', 'xhigh')).toBe('high')
    expect(clampEffort('gpt-5.4', 'minimal')).toBe('low')
    expect(clampEffort('gpt-5.4', 'high')).toBe('high')
  })
})
