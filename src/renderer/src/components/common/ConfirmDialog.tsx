import type { ReactNode } from 'react'
import { Dialog } from './Dialog'

interface ConfirmDialogProps {
  title: string
  /** The action's button, which says what happens ("Delete", "Sign out"). */
  confirmLabel: string
  onConfirm(): void
  onCancel(): void
  children: ReactNode
}

/** Asks before something that cannot be undone; the focus starts on Cancel, so Enter changes nothing. */
export function ConfirmDialog({ title, confirmLabel, onConfirm, onCancel, children }: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="secondary-button" onClick={onCancel} data-autofocus>
            Cancel
          </button>
          <button type="button" className="danger-button" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  )
}
