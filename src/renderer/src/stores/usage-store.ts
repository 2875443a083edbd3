import { create } from 'zustand'
import type { UsageLimits } from '../../../shared/domain'
import { call } from '../api'

interface UsageState {
  usage: UsageLimits | null
  load(): Promise<void>
  receive(usage: UsageLimits): void
}

export const useUsageStore = create<UsageState>()((set) => ({
  usage: null,
  async load() {
    try {
      set({ usage: await call('usage:get') })
    } catch {
      // Usage is only known after a first reply; the meter simply stays hidden until then.
    }
  },
  receive: (usage) => set({ usage }),
}))
