import { create } from 'zustand'
import type { ModelSpec } from '../../../shared/domain'
import { call } from '../api'
import { reportError } from './notices-store'

interface ModelsState {
  models: ModelSpec[]
  load(): Promise<void>
}

export const useModelsStore = create<ModelsState>()((set) => ({
  models: [],
  async load() {
    try {
      set({ models: await call('models:list') })
    } catch (error) {
      reportError(error)
    }
  },
}))
