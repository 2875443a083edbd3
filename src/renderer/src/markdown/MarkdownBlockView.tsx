/**
 * One top-level markdown block. Memoized on its text (and the find's query and current hit): once a block is
 * finished its text never changes, so a streaming message re-parses only its last block.
 */
import type { Element, ElementContent } from 'hast'
import { memo } from 'react'
import Markdown, { type Components, type Options } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import type { Pluggable } from 'unified'
import { FindText } from '../find/FindText'
import { blockMayContain, REMARK_REHYPE_OPTIONS, rehypeFindMarks } from '../find/markdown-marks'
import { CodeBlock } from './CodeBlock'
import { ExternalLink } from './ExternalLink'
import { useMathPlugins } from './math-plugins'

function textOf(nodes: ElementContent[]): string {
  return nodes.map((node) => ('value' in node ? node.value : 'children' in node ? textOf(node.children) : '')).join('')
}

function codeElementOf(pre: Element | undefined): Element | undefined {
  const first = pre?.children.find((child) => child.type === 'element')
  return first?.type === 'element' && first.tagName === 'code' ? first : undefined
}

function languageOf(code: Element): string | undefined {
  const classNames = code.properties.className
  const list = Array.isArray(classNames) ? classNames.map(String) : []
  return list.find((name) => name.startsWith('language-'))?.slice('language-'.length)
}

function hasFindMark(nodes: ElementContent[]): boolean {
  return nodes.some((node) => node.type === 'element' && (node.tagName === 'mark' || hasFindMark(node.children)))
}

function componentsFor(fenceClosed: boolean): Components {
  return {
    a: ExternalLink,
    pre({ node, children }) {
      const code = codeElementOf(node)
      if (!code) return <pre>{children}</pre>
      // mdast keeps a trailing newline out of the code; hast may still carry one.
      const text = textOf(code.children).replace(/\n$/, '')
      return (
        <CodeBlock
          code={text}
          language={languageOf(code)}
          fenceClosed={fenceClosed}
          withFindHits={hasFindMark(code.children) ? children : undefined}
        />
      )
    },
    table({ children }) {
      return (
        <div className="table-scroll">
          <table>{children}</table>
        </div>
      )
    },
  }
}

const CLOSED_FENCE_COMPONENTS = componentsFor(true)
const OPEN_FENCE_COMPONENTS = componentsFor(false)
const BASE_REMARK_PLUGINS: NonNullable<Options['remarkPlugins']> = [remarkGfm]

interface MarkdownBlockViewProps {
  text: string
  /** The block ends in an unclosed code fence or math block. */
  open: boolean
  /** What the find bar looks for ('' when it is closed). */
  findQuery: string
  /** The occurrence in this block that is the find's current hit. */
  currentHit: number | null
}

export const MarkdownBlockView = memo(function MarkdownBlockView({
  text,
  open,
  findQuery,
  currentHit,
}: MarkdownBlockViewProps) {
  const math = useMathPlugins(text.includes('$'))
  if (open && text.startsWith('$$'))
    return (
      <pre className="math-pending">
        <FindText text={text} query={findQuery} current={currentHit} />
      </pre>
    )
  // Hits are marked before math is typeset, on the same tree the find counted them in.
  const findPlugins: Pluggable[] = blockMayContain(text, findQuery)
    ? [[rehypeFindMarks, { query: findQuery, current: currentHit }]]
    : []
  const rehypePlugins = [...findPlugins, ...(math?.rehypePlugins ?? [])]
  return (
    <Markdown
      remarkPlugins={math ? [...BASE_REMARK_PLUGINS, ...math.remarkPlugins] : BASE_REMARK_PLUGINS}
      remarkRehypeOptions={REMARK_REHYPE_OPTIONS}
      rehypePlugins={rehypePlugins}
      components={open ? OPEN_FENCE_COMPONENTS : CLOSED_FENCE_COMPONENTS}
    >
      {text}
    </Markdown>
  )
})
