import { useState } from 'react'
import type { ExportResult } from '../../../../shared/domain'
import { call } from '../../api'
import { reportError } from '../../stores/notices-store'

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

  async function exportAs(format: 'markdown' | 'json') {
    setSavedTo(null)
    try {
      const result = await call('conversations:export', { id: conversationId, format })
      if (result.savedTo) setSavedTo(result.savedTo)
      else if (result.content !== undefined) download({ ...result, content: result.content })
    } catch (error) {
      reportError(error)
    }
  }

  return (
    <div className="export-buttons">
      <button type="button" className="small-button" onClick={() => void exportAs('markdown')}>
        Export Markdown
      </button>
      <button type="button" className="small-button" onClick={() => void exportAs('json')}>
        Export JSON
      </button>
      {savedTo && (
        <span role="status" className="muted">
          Saved to {savedTo}
        </span>
      )}
    </div>
  )
}
