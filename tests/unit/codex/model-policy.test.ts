import { describe, expect, it } from 'vitest'
import type { ModelSpec } from '../../../src/shared/domain'
import {
  clampEffort,
  defaultChoice,
  effortLabel,
  modelDisplayName,
  newConversationChoice,
  replacementFor,
} from '../../../src/shared/model-policy'
import { BUILTIN_MODELS, findBuiltinModel } from '../../../src/shared/models'

const served = (...ids: string[]): ModelSpec[] =>
  ids.map((id) => ({ ...(findBuiltinModel(id) ?? BUILTIN_MODELS[0]), id, source: 'backend' }))

describe('the built-in model registry', () => {
  it('holds only the models the backend serves ChatGPT accounts today, in its priority order', () => {
    expect(BUILTIN_MODELS.map((model) => model.id)).toEqual([
      'gpt-5.6-sol',
      'gpt-5.6-terra',
      'gpt-5.6-luna',
      'gpt-5.5',
      'gpt-5.4',
      'gpt-5.4-mini',
    ])
  })
})

describe('the model policy', () => {
  it('starts new chats on the first listed model', () => {
    expect(defaultChoice(served('gpt-5.5', 'gpt-5.4'))).toEqual({ model: 'gpt-5.5', effort: 'medium' })
  })

  it('keeps the last used model only while the list serves it', () => {
    const list = served('gpt-5.6-sol', 'gpt-5.4')
    expect(defaultChoice(list, { model: 'gpt-5.4', effort: 'high' })).toEqual({ model: 'gpt-5.4', effort: 'high' })
    expect(defaultChoice(list, { model: 'gpt-4.1', effort: null })).toEqual({ model: 'gpt-5.6-sol', effort: 'medium' })
  })

  it('gives a chosen model its own default effort unless one was asked for', () => {
    const list = served('gpt-5.6-sol', 'gpt-5.4')
    expect(newConversationChoice(list, { model: 'gpt-5.4' })).toEqual({ model: 'gpt-5.4', effort: 'medium' })
    expect(newConversationChoice(list, { model: 'gpt-5.6-sol', effort: 'ultra' })).toEqual({
      model: 'gpt-5.6-sol',
      effort: 'ultra',
    })
  })

  it('moves a conversation only off a model the backend list does not serve', () => {
    const list = served('gpt-5.6-sol', 'gpt-5.4')
    expect(replacementFor(list, 'gpt-4.1')).toEqual({ model: 'gpt-5.6-sol', effort: 'medium' })
    expect(replacementFor(list, 'gpt-5.4')).toBeNull()
    // The built-in registry is a guess from build time: it never moves a conversation.
    expect(replacementFor(BUILTIN_MODELS, 'gpt-4.1')).toBeNull()
  })

  it('sends no effort to a model that does not reason or is unknown', () => {
    expect(clampEffort({ ...BUILTIN_MODELS[0], efforts: [] }, 'high')).toBeNull()
    expect(clampEffort(undefined, 'high')).toBeNull()
  })

  it("uses the model's default effort when none was chosen", () => {
    expect(clampEffort(findBuiltinModel('gpt-5.4'), null)).toBe('medium')
  })

  it('moves an effort the model does not accept to the nearest one it does', () => {
    const gpt54 = findBuiltinModel('gpt-5.4')
    expect(clampEffort(gpt54, 'minimal')).toBe('low')
    expect(clampEffort(gpt54, 'high')).toBe('high')
    expect(clampEffort({ ...BUILTIN_MODELS[0], efforts: ['low', 'medium', 'high'] }, 'xhigh')).toBe('high')
  })

  it('keeps an effort the app does not know when the model accepts it, and otherwise uses the default', () => {
    const sol = findBuiltinModel('gpt-5.6-sol')
    expect(clampEffort(sol, 'ultra')).toBe('ultra')
    expect(clampEffort(findBuiltinModel('gpt-5.4'), 'ultra')).toBe('medium')
  })

  it('names models and efforts the way a person knows them', () => {
    expect(modelDisplayName(BUILTIN_MODELS, 'gpt-5.6-sol')).toBe('GPT-5.6 Sol')
    expect(modelDisplayName(BUILTIN_MODELS, 'gpt-4.1')).toBe('GPT-4.1')
    expect(effortLabel('xhigh')).toBe('Extra high')
    expect(effortLabel('ultra')).toBe('Ultra')
  })
})
