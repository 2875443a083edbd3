import { create } from 'zustand'
import type { ModelSpec } from '../../../shared/domain'
import { findModel, type ModelChoice } from '../../../shared/model-policy'
import { call } from '../api'
import { reportError } from './notices-store'

interface ModelsState {
  /** The list as main knows it: the account's (fresh or cached) or the built-in one. */
  models: ModelSpec[]
  /** Chosen on the start screen before there is a conversation; the next new conversation takes it. */
  draft: ModelChoice | null
  load(): Promise<void>
  receive(models: ModelSpec[]): void
  setDraft(choice: ModelChoice | null): void
  /** The draft for the conversation being created now, if the list still serves it; the draft is used up. */
  takeDraft(): ModelChoice | undefined
}

export const useModelsStore = create<ModelsState>()((set, get) => ({
  models: [],
  draft: null,
  async load() {
    try {
      set({ models: await call('models:list') })
    } catch (error) {
      reportError(error)
    }
  },
  receive: (models) => set({ models }),
  setDraft: (draft) => set({ draft }),
  takeDraft() {
    const { draft, models } = get()
    set({ draft: null })
    return draft && findModel(models, draft.model) ? draft : undefined
  },
}))
