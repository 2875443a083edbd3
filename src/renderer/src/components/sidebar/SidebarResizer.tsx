/**
 * The handle between the sidebar and the chat: drag it, or focus it and use the arrow keys (Home and End for the
 * narrowest and widest). The width is remembered.
 */
import { type KeyboardEvent, type PointerEvent, useRef } from 'react'
import { SIDEBAR_WIDTH, useUiStore } from '../../stores/ui-store'

const KEY_STEP_PX = 16

function widthForKey(key: string, width: number): number | null {
  switch (key) {
    case 'ArrowLeft':
      return width - KEY_STEP_PX
    case 'ArrowRight':
      return width + KEY_STEP_PX
    case 'Home':
      return SIDEBAR_WIDTH.min
    case 'End':
      return SIDEBAR_WIDTH.max
    default:
      return null
  }
}

export function SidebarResizer() {
  const width = useUiStore((state) => state.sidebarWidth)
  const setWidth = useUiStore((state) => state.setSidebarWidth)
  /** Where a drag started: the pointer's x and the width then, so the edge follows the pointer exactly. */
  const drag = useRef<{ x: number; width: number } | null>(null)

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = widthForKey(event.key, width)
    if (next === null) return
    event.preventDefault()
    setWidth(next)
  }

  function handlePointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { x: event.clientX, width }
  }

  function handlePointerMove(event: PointerEvent<HTMLDivElement>) {
    if (drag.current) setWidth(drag.current.width + event.clientX - drag.current.x)
  }

  function endDrag(event: PointerEvent<HTMLDivElement>) {
    drag.current = null
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId)
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable, movable separator has no HTML element (<hr> is static).
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize sidebar"
      aria-valuenow={width}
      aria-valuemin={SIDEBAR_WIDTH.min}
      aria-valuemax={SIDEBAR_WIDTH.max}
      tabIndex={0}
      className="sidebar-resizer"
      onKeyDown={handleKeyDown}
      onPointerDown={handlePointerDown}
      onPointerMove={handlePointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
    />
  )
}
