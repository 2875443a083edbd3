import type { Compaction } from '../../../../shared/domain'

/** Where older messages end that the model now sees only as a summary; the summary itself can be opened. */
export function CompactionNote({ compaction }: { compaction: Compaction }) {
  return (
    <aside className="compaction-note" data-testid="compaction-note" aria-label="Compaction">
      <p className="compaction-note-text">Older messages were summarised to fit the model</p>
      <details className="compaction-summary">
        <summary>Show summary</summary>
        <p className="compaction-summary-text">{compaction.summary}</p>
      </details>
    </aside>
  )
}
