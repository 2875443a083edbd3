import { type KeyboardEvent, useState } from 'react'

interface MessageEditorProps {
  initialText: string
  onSave(text: string): void
  onCancel(): void
}

/** Inline editing of a user message; saving resends it (and drops what came after it). */
export function MessageEditor({ initialText, onSave, onCancel }: MessageEditorProps) {
  const [text, setText] = useState(initialText)
  const canSave = text.trim() !== ''

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') onCancel()
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && canSave) {
      event.preventDefault()
      onSave(text)
    }
  }

  return (
    <div className="message-editor">
      <textarea
        aria-label="Edit message"
        value={text}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this message.
        autoFocus
        onChange={(event) => setText(event.target.value)}
        onKeyDown={handleKeyDown}
      />
      <div className="message-editor-actions">
        <button type="button" className="secondary-button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary-button" disabled={!canSave} onClick={() => onSave(text)}>
          Save and send
        </button>
      </div>
    </div>
  )
}
