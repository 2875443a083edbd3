/** The find bar of the open conversation (Ctrl/Cmd+F): whether it shows, what it looks for, which hit is current. */
import { create } from 'zustand'

interface FindState {
  open: boolean
  query: string
  /** The current hit's place among the conversation's hits; clamped where it is used, as hits come and go. */
  index: number
  /** Bumped by every Ctrl/Cmd+F, so the field takes the focus even when the bar is already open. */
  focusRequest: number
  openFind(): void
  closeFind(): void
  setQuery(query: string): void
  /** Moves to the next (1) or previous (-1) of `count` hits, round the ends. */
  step(delta: 1 | -1, count: number): void
  /** Back to the first hit (another conversation opened). */
  restart(): void
}

export const useFindStore = create<FindState>()((set) => ({
  open: false,
  query: '',
  index: 0,
  focusRequest: 0,
  openFind: () => set((state) => ({ open: true, focusRequest: state.focusRequest + 1 })),
  closeFind: () => set({ open: false }),
  setQuery: (query) => set({ query, index: 0 }),
  step: (delta, count) =>
    set((state) => (count === 0 ? state : { index: (Math.min(state.index, count - 1) + delta + count) % count })),
  restart: () => set({ index: 0 }),
}))
