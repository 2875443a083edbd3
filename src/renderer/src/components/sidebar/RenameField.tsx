import { type KeyboardEvent, useRef, useState } from 'react'

interface RenameFieldProps {
  initialTitle: string
  onSave(title: string): void
  onCancel(): void
}

/** Inline title editing: Enter (or leaving the field) saves, Escape cancels. */
export function RenameField({ initialTitle, onSave, onCancel }: RenameFieldProps) {
  const [title, setTitle] = useState(initialTitle)
  // Enter and Escape unmount the field, which blurs it; the blur must not save a second time.
  const settled = useRef(false)

  function settle(save: boolean) {
    if (settled.current) return
    settled.current = true
    const trimmed = title.trim()
    if (save && trimmed !== '' && trimmed !== initialTitle) onSave(trimmed)
    else onCancel()
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault()
      settle(true)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      settle(false)
    }
  }

  return (
    <input
      className="rename-field"
      aria-label="Conversation title"
      value={title}
      maxLength={200}
      // biome-ignore lint/a11y/noAutofocus: the user just pressed Rename.
      autoFocus
      onFocus={(event) => event.target.select()}
      onChange={(event) => setTitle(event.target.value)}
      onKeyDown={handleKeyDown}
      onBlur={() => settle(true)}
    />
  )
}
