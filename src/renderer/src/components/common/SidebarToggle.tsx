import { isSidebarShown, useNarrowWindow, useUiStore } from '../../stores/ui-store'
import { SidebarIcon } from './icons'

/** Puts the conversation list away or brings it back (Ctrl/Cmd+Shift+S does the same). */
export function SidebarToggle() {
  const narrow = useNarrowWindow()
  const toggle = useUiStore((state) => state.toggleSidebar)
  const shown = useUiStore((state) => isSidebarShown(state, narrow))
  return (
    <button
      type="button"
      className="icon-button sidebar-toggle"
      aria-label="Toggle sidebar"
      aria-expanded={shown}
      onClick={() => toggle(narrow)}
    >
      <SidebarIcon />
    </button>
  )
}
