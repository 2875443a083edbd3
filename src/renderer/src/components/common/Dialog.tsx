/**
 * A modal dialog: focus moves in on open (to the control marked `data-autofocus`, else the × in the title row, never
 * to an action that changes something), Tab stays inside, Escape closes the top-most dialog wherever the focus is,
 * and focus returns to whatever had it before (usually the button that opened the dialog). The title row and the
 * action row stay visible; only the body scrolls.
 */
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react'
import { createPortal } from 'react-dom'
import { CloseIcon } from './icons'

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

interface DialogProps {
  title: string
  onClose(): void
  children: ReactNode
  /** Buttons kept visible below the body, however tall the body is. */
  actions?: ReactNode
  className?: string
}

/** Open dialogs, the top-most last: Escape belongs to the top one only. */
const openDialogs: HTMLElement[] = []

function focusableIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE))
}

export function Dialog({ title, onClose, children, actions, className }: DialogProps) {
  const titleId = useId()
  const panelRef = useRef<HTMLDivElement>(null)
  const onCloseRef = useRef(onClose)
  onCloseRef.current = onClose

  useEffect(() => {
    const panel = panelRef.current
    if (!panel) return
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null
    openDialogs.push(panel)
    ;(panel.querySelector<HTMLElement>('[data-autofocus]') ?? focusableIn(panel)[0] ?? panel).focus()

    // On the document, so the keyboard still works after the focused control went away (signing in replaces the
    // button that was pressed, and the focus falls to the page): Escape closes, Tab comes back in.
    function onDocumentKeyDown(event: globalThis.KeyboardEvent) {
      if (!panel || openDialogs.at(-1) !== panel) return
      if (event.key === 'Escape') {
        event.preventDefault()
        event.stopPropagation()
        onCloseRef.current()
      } else if (event.key === 'Tab' && !panel.contains(document.activeElement)) {
        event.preventDefault()
        const focusable = focusableIn(panel)
        ;(event.shiftKey ? focusable.at(-1) : focusable[0])?.focus()
      }
    }
    document.addEventListener('keydown', onDocumentKeyDown, true)
    return () => {
      document.removeEventListener('keydown', onDocumentKeyDown, true)
      openDialogs.splice(openDialogs.indexOf(panel), 1)
      previouslyFocused?.focus()
    }
  }, [])

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Tab' || !panelRef.current) return
    const focusable = focusableIn(panelRef.current)
    if (focusable.length === 0) return
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`dialog ${className ?? ''}`}
        tabIndex={-1}
        onKeyDown={handleKeyDown}
      >
        <div className="dialog-header">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <button type="button" className="icon-button dialog-close" aria-label="Close" onClick={onClose}>
            <CloseIcon />
          </button>
        </div>
        <div className="dialog-body">{children}</div>
        {actions && <div className="dialog-actions">{actions}</div>}
      </div>
    </div>,
    document.body,
  )
}
