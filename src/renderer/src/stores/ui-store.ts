/** View state that several distant components share. */
import { useEffect, useState } from 'react'
import { create } from 'zustand'

/** Below this width the sidebar is an overlay over the chat instead of a column beside it. */
export const NARROW_WINDOW_PX = 720
const SIDEBAR_HIDDEN_KEY = 'codex-desk.sidebar-hidden'
const SIDEBAR_WIDTH_KEY = 'codex-desk.sidebar-width'
/** How wide the sidebar column may be made: titles stay readable, the chat keeps most of the window. */
export const SIDEBAR_WIDTH = { min: 200, max: 480, initial: 280 } as const

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

/** Kept in this window's storage: a view preference of this machine, not a setting main needs to know. */
function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {
    // Not remembered, but still applied.
  }
}

export function clampSidebarWidth(px: number): number {
  if (!Number.isFinite(px)) return SIDEBAR_WIDTH.initial
  return Math.round(Math.min(SIDEBAR_WIDTH.max, Math.max(SIDEBAR_WIDTH.min, px)))
}

interface UiState {
  settingsOpen: boolean
  /** In a wide window: the user put the sidebar away (remembered across starts). */
  sidebarHidden: boolean
  /** In a narrow window: the sidebar overlay is showing (it starts closed). */
  sidebarOverlayOpen: boolean
  /** In a wide window: the sidebar column's width in px (remembered across starts). */
  sidebarWidth: number
  setSidebarWidth(px: number): void
  paletteOpen: boolean
  openPalette(): void
  closePalette(): void
  /** Bumped to put the focus back in the composer (e.g. when the find bar closes). */
  composerFocusRequest: number
  focusComposer(): void
  /** A message the user asked to edit from the keyboard (↑ in an empty composer); its view opens the editor. */
  editRequest: string | null
  openSettings(): void
  closeSettings(): void
  requestEdit(messageId: string | null): void
  /** Shows or hides the sidebar the way the window's width calls for: a column, or an overlay. */
  toggleSidebar(narrow: boolean): void
  closeSidebarOverlay(): void
}

export const useUiStore = create<UiState>()((set, get) => ({
  settingsOpen: false,
  sidebarHidden: remembered(SIDEBAR_HIDDEN_KEY) === 'true',
  sidebarOverlayOpen: false,
  sidebarWidth: clampSidebarWidth(Number(remembered(SIDEBAR_WIDTH_KEY) ?? SIDEBAR_WIDTH.initial)),
  setSidebarWidth(px) {
    const sidebarWidth = clampSidebarWidth(px)
    remember(SIDEBAR_WIDTH_KEY, String(sidebarWidth))
    set({ sidebarWidth })
  },
  editRequest: null,
  composerFocusRequest: 0,
  focusComposer: () => set((state) => ({ composerFocusRequest: state.composerFocusRequest + 1 })),
  paletteOpen: false,
  openPalette: () => set({ paletteOpen: true }),
  closePalette: () => set({ paletteOpen: false }),
  openSettings: () => set({ settingsOpen: true }),
  requestEdit: (editRequest) => set({ editRequest }),
  closeSettings: () => set({ settingsOpen: false }),
  toggleSidebar(narrow) {
    if (narrow) {
      set({ sidebarOverlayOpen: !get().sidebarOverlayOpen })
      return
    }
    const sidebarHidden = !get().sidebarHidden
    remember(SIDEBAR_HIDDEN_KEY, String(sidebarHidden))
    set({ sidebarHidden })
  },
  closeSidebarOverlay: () => set({ sidebarOverlayOpen: false }),
}))

/** Whether the conversation list shows: as an overlay in a narrow window, as a column in a wide one. */
export function isSidebarShown(state: Pick<UiState, 'sidebarHidden' | 'sidebarOverlayOpen'>, narrow: boolean): boolean {
  return narrow ? state.sidebarOverlayOpen : !state.sidebarHidden
}

/** Whether the window is narrow enough for the sidebar to be an overlay; follows the window as it is resized. */
export function useNarrowWindow(): boolean {
  const query = `(max-width: ${NARROW_WINDOW_PX - 0.02}px)`
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches)
  useEffect(() => {
    const list = window.matchMedia(query)
    const update = () => setNarrow(list.matches)
    update()
    list.addEventListener('change', update)
    return () => list.removeEventListener('change', update)
  }, [query])
  return narrow
}

/** The model picker's element id, so an error about the model can move focus to it. */
export const MODEL_SELECT_ID = 'model-select'
