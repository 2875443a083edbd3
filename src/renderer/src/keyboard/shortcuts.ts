/**
 * The app's keyboard shortcuts: Cmd on macOS, Ctrl elsewhere. What they do is wired where the state lives
 * (`useAppShortcuts` for the app-wide ones, the composer for Escape); `SHORTCUTS` is what Settings lists.
 */
import { useEffect } from 'react'
import { useChatStore } from '../stores/chat-store'
import { useUiStore } from '../stores/ui-store'

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
const MOD_LABEL = IS_MAC ? '⌘' : 'Ctrl'

export interface ShortcutInfo {
  keys: string[]
  does: string
}

export const SHORTCUTS: readonly ShortcutInfo[] = [
  { keys: [MOD_LABEL, 'N'], does: 'New chat' },
  { keys: [MOD_LABEL, 'K'], does: 'Open a conversation or run an action (command palette)' },
  { keys: [MOD_LABEL, ','], does: 'Open Settings' },
  { keys: [MOD_LABEL, 'Shift', 'S'], does: 'Show or hide the conversation list' },
  { keys: ['Esc'], does: 'Stop the answer being written (or close a dialog)' },
  { keys: ['Enter'], does: 'Send the message' },
  { keys: ['Shift', 'Enter'], does: 'New line in the message' },
  { keys: ['↑'], does: 'Edit your last message (in an empty message box)' },
  { keys: ['↑', '↓'], does: 'Move between conversations in the list (when it has the focus)' },
  { keys: ['Home', 'End'], does: 'First or last conversation in the list' },
]

/** Cmd (macOS) or Ctrl (elsewhere) with `key`, and no other modifier but Shift where asked for. */
export function isModKey(event: KeyboardEvent, key: string, shift = false): boolean {
  const mod = IS_MAC ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey
  return mod && !event.altKey && event.shiftKey === shift && event.key.toLowerCase() === key
}

/**
 * The shortcuts that work anywhere in the app, unless a dialog is open (it has its own keys). Listened to before
 * anything else sees the key, so Escape closes the sidebar overlay rather than also stopping an answer.
 */
export function useAppShortcuts(narrow: boolean): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const ui = useUiStore.getState()
      if (event.defaultPrevented || document.querySelector('[role="dialog"]')) return
      if (isModKey(event, 'n')) {
        event.preventDefault()
        useChatStore.getState().startNew()
      } else if (isModKey(event, 'k')) {
        event.preventDefault()
        ui.openPalette()
      } else if (isModKey(event, ',')) {
        event.preventDefault()
        ui.openSettings()
      } else if (isModKey(event, 's', true)) {
        event.preventDefault()
        ui.toggleSidebar(narrow)
      } else if (event.key === 'Escape' && narrow && ui.sidebarOverlayOpen) {
        event.preventDefault()
        ui.closeSidebarOverlay()
      }
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [narrow])
}
