import { memo } from 'react'

type LineKind = 'add' | 'del' | 'hunk' | 'context' | 'note'

function kindOf(line: string): LineKind {
  if (line.startsWith('@@')) return 'hunk'
  if (line.startsWith('+')) return 'add'
  if (line.startsWith('-')) return 'del'
  if (line.startsWith('\\') || line.startsWith('(')) return 'note'
  return 'context'
}

/**
 * A unified diff, one line per row coloured by what it does. The `---`/`+++` headers are left out: the card names
 * the file above it. Long diffs scroll inside their own box.
 */
export const DiffView = memo(function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = diff
    .replace(/\n$/, '')
    .split('\n')
    .filter((line) => !line.startsWith('--- ') && !line.startsWith('+++ ') && !line.startsWith('==='))
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a long diff scrolls, and the keyboard must be able to scroll it.
    <pre className="diff" tabIndex={0} title={label}>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a stored diff never change.
        <span key={index} className={`diff-line diff-${kindOf(line)}`}>
          {line === '' ? ' ' : line}
        </span>
      ))}
    </pre>
  )
})
