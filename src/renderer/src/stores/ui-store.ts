/** View state that several distant components share. */
import { create } from 'zustand'

interface UiState {
  settingsOpen: boolean
  openSettings(): void
  closeSettings(): void
}

export const useUiStore = create<UiState>()((set) => ({
  settingsOpen: false,
  openSettings: () => set({ settingsOpen: true }),
  closeSettings: () => set({ settingsOpen: false }),
}))

/** The model picker's element id, so an error about the model can move focus to it. */
export const MODEL_SELECT_ID = 'model-select'
