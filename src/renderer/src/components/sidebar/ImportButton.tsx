import { type ChangeEvent, useRef, useState } from 'react'
import { toAppError } from '../../../../shared/errors'
import { useChatStore } from '../../stores/chat-store'
import { useConversationsStore } from '../../stores/conversations-store'
import { ProgressStatus } from '../common/ProgressStatus'

/** Imports an exported conversation file and opens it. */
export function ImportButton() {
  const inputRef = useRef<HTMLInputElement>(null)
  const [error, setError] = useState<string | null>(null)
  const importContent = useConversationsStore((state) => state.importContent)
  const progress = useConversationsStore((state) => state.importProgress)
  const open = useChatStore((state) => state.open)

  async function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    // Clear the input so choosing the same file again still fires a change.
    event.target.value = ''
    if (!file) return
    setError(null)
    try {
      const summary = await importContent(await file.text())
      if (summary) void open(summary.id)
    } catch (cause) {
      setError(toAppError(cause).message)
    }
  }

  return (
    <>
      <button
        type="button"
        className="secondary-button"
        disabled={progress !== null}
        onClick={() => inputRef.current?.click()}
      >
        Import
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".json,.md,.jsonl,application/json,text/markdown"
        hidden
        aria-label="Conversation file to import"
        onChange={(event) => void handleFile(event)}
      />
      {progress && <ImportProgress done={progress.done} total={progress.total} />}
      {error && (
        <div role="alert" className="banner banner-error">
          <span>{error}</span>
          <button type="button" className="small-button" aria-label="Dismiss" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
    </>
  )
}

/** A large file takes a while: main checks it message by message off its main thread and reports how far it got. */
function ImportProgress({ done, total }: { done: number; total: number }) {
  const text =
    total === 0
      ? 'Reading the file…'
      : done < total
        ? `Checking ${done.toLocaleString()} of ${total.toLocaleString()} messages…`
        : 'Saving…'
  return <ProgressStatus label="Import progress" done={done} total={total} text={text} className="import-progress" />
}
