/**
 * The app's keyboard shortcuts: Cmd on macOS, Ctrl elsewhere. The app-wide ones are one table, which both handles
 * the keys and lists them in Settings; the keys that belong to one place (the composer, the list, the find bar) are
 * handled there and only listed here.
 */
import { useEffect } from 'react'
import { useChatStore } from '../stores/chat-store'
import { useFindStore } from '../stores/find-store'
import { useUiStore } from '../stores/ui-store'

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
const MOD_LABEL = IS_MAC ? '⌘' : 'Ctrl'

export interface ShortcutInfo {
  keys: string[]
  does: string
}

interface AppShortcut {
  /** `KeyboardEvent.key`, lower-cased. */
  key: string
  shift?: boolean
  does: string
  /** Does what the shortcut does; false when it does not apply now, so the key keeps its usual meaning. */
  run(narrow: boolean): boolean
}

function always(action: (narrow: boolean) => void): AppShortcut['run'] {
  return (narrow) => {
    action(narrow)
    return true
  }
}

const APP_SHORTCUTS: readonly AppShortcut[] = [
  { key: 'n', does: 'New chat', run: always(() => useChatStore.getState().startNew()) },
  {
    key: 'k',
    does: 'Open a conversation or run an action (command palette)',
    run: always(() => useUiStore.getState().openPalette()),
  },
  { key: ',', does: 'Open Settings', run: always(() => useUiStore.getState().openSettings()) },
  {
    key: 's',
    shift: true,
    does: 'Show or hide the conversation list',
    run: always((narrow) => useUiStore.getState().toggleSidebar(narrow)),
  },
  {
    key: 'f',
    does: 'Find in the conversation',
    run() {
      // Only where there is a conversation to look in; elsewhere the key keeps its usual meaning.
      if (useChatStore.getState().thread === null) return false
      useFindStore.getState().openFind()
      return true
    },
  },
]

function keysOf(shortcut: AppShortcut): string[] {
  return [MOD_LABEL, ...(shortcut.shift ? ['Shift'] : []), shortcut.key.toUpperCase()]
}

export const SHORTCUTS: readonly ShortcutInfo[] = [
  ...APP_SHORTCUTS.map((shortcut) => ({ keys: keysOf(shortcut), does: shortcut.does })),
  { keys: ['Esc'], does: 'Stop the answer being written (or close a dialog or the find bar; on a tool call: deny it)' },
  { keys: ['Enter'], does: 'Send the message (in the find bar: next match; on a tool call: approve it)' },
  { keys: ['Shift', 'Enter'], does: 'New line in the message (in the find bar: previous match)' },
  { keys: ['↑'], does: 'Edit your last message (in an empty message box)' },
  { keys: ['↑', '↓'], does: 'Move between conversations in the list (when it has the focus)' },
  { keys: ['Home', 'End'], does: 'First or last conversation in the list' },
]

/** Cmd (macOS) or Ctrl (elsewhere) with `key`, and no other modifier but Shift where asked for. */
function isModKey(event: KeyboardEvent, key: string, shift = false): boolean {
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
      if (event.defaultPrevented || document.querySelector('[role="dialog"]')) return
      const shortcut = APP_SHORTCUTS.find((candidate) => isModKey(event, candidate.key, candidate.shift))
      if (shortcut) {
        if (shortcut.run(narrow)) event.preventDefault()
        return
      }
      const ui = useUiStore.getState()
      if (event.key === 'Escape' && narrow && ui.sidebarOverlayOpen) {
        event.preventDefault()
        ui.closeSidebarOverlay()
      }
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [narrow])
}
