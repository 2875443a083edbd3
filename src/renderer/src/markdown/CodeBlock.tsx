/**
 * A fenced code block. While its fence is still open it shows plain text (highlighting a growing block on every
 * frame is what makes long answers slow); once closed it is highlighted once, through the cache. While the find has
 * hits in it, it shows the code with the hits marked instead (the marks and the colours' spans would cross).
 */
import { memo, type ReactNode, useEffect, useState } from 'react'
import { CopyButton } from '../components/common/CopyButton'
import { cachedHighlight, canonicalLanguage, highlightCode } from './highlighter'

interface CodeBlockProps {
  code: string
  language: string | undefined
  fenceClosed: boolean
  /** The code with the find's hits marked, when it has any. */
  withFindHits?: ReactNode
}

function useHighlightedHtml(code: string, language: string | null, enabled: boolean): string | null {
  const cached = enabled && language ? cachedHighlight(code, language) : null
  const [highlighted, setHighlighted] = useState<{ code: string; html: string } | null>(null)

  useEffect(() => {
    if (!enabled || !language || cached) return
    let current = true
    highlightCode(code, language)
      .then((html) => {
        if (current) setHighlighted({ code, html })
      })
      // An unloadable grammar leaves the code plain, which is still readable.
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [code, language, enabled, cached])

  if (cached) return cached
  return highlighted?.code === code ? highlighted.html : null
}

export const CodeBlock = memo(function CodeBlock({ code, language, fenceClosed, withFindHits }: CodeBlockProps) {
  const grammar = canonicalLanguage(language)
  const html = useHighlightedHtml(code, grammar, fenceClosed)

  return (
    <div className="code-block">
      <div className="code-block-header">
        <span className="code-block-language">{language ?? 'text'}</span>
        <CopyButton text={code} label="Copy code" />
      </div>
      <pre>
        {withFindHits ??
          (html ? (
            <code
              className={`hljs language-${grammar}`}
              data-highlighted="true"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js escapes the code it wraps in spans.
              dangerouslySetInnerHTML={{ __html: html }}
            />
          ) : (
            <code className={language ? `language-${language}` : undefined}>{code}</code>
          ))}
      </pre>
    </div>
  )
})
