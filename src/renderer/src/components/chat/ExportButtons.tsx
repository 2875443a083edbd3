import { useState } from 'react'
import type { ExportFormat, ExportResult } from '../../../../shared/domain'
import { useConversationsStore } from '../../stores/conversations-store'
import { reportError } from '../../stores/notices-store'
import { ProgressStatus } from '../common/ProgressStatus'

/** In the web shell (and wherever main has no save dialog) the page downloads the exported content itself. */
function download(result: ExportResult & { content: string }): void {
  const url = URL.createObjectURL(new Blob([result.content], { type: result.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = result.filename
  link.click()
  // Revoke after the click has been handled, or the download may not start.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

export function ExportButtons({ conversationId }: { conversationId: string }) {
  const [savedTo, setSavedTo] = useState<string | null>(null)
  const exporting = useConversationsStore((state) => state.exporting)
  const exportConversation = useConversationsStore((state) => state.exportConversation)
  const progress = exporting?.id === conversationId ? exporting.progress : null

  async function exportAs(format: ExportFormat) {
    setSavedTo(null)
    try {
      const result = await exportConversation(conversationId, format)
      if (result.savedTo) setSavedTo(result.savedTo)
      else if (result.content !== undefined) download({ ...result, content: result.content })
    } catch (error) {
      reportError(error)
    }
  }

  return (
    <>
      <div className="export-buttons">
        <button
          type="button"
          className="small-button"
          disabled={exporting !== null}
          onClick={() => void exportAs('markdown')}
        >
          Export Markdown
        </button>
        <button
          type="button"
          className="small-button"
          disabled={exporting !== null}
          onClick={() => void exportAs('json')}
        >
          Export JSON
        </button>
        {savedTo && (
          <span role="status" className="muted">
            Saved to {savedTo}
          </span>
        )}
      </div>
      {progress && <ExportProgress done={progress.done} total={progress.total} />}
    </>
  )
}

/** A very long conversation takes a while: main reads its file off its main thread and reports how far it got. */
function ExportProgress({ done, total }: { done: number; total: number }) {
  const text = done < total ? `Exporting… ${Math.floor((done / total) * 100)}%` : 'Finishing…'
  return <ProgressStatus label="Export progress" done={done} total={total} text={text} className="export-progress" />
}
