/**
 * The markdown renderer and parser: react-markdown, unified and the remark plugins, about a third of the page's
 * script. The first screen does not need them, so they are a chunk of their own (markdown-loader.ts loads it).
 */
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { REMARK_REHYPE_OPTIONS } from '../find/markdown-marks'

export { MarkdownBlockView } from './MarkdownBlockView'

/** Parses a block the way the message view renders it, for the find to count hits in the text a reader sees. */
export const markdownProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, REMARK_REHYPE_OPTIONS)

/** A short answer with what answers usually hold: emphasis, lists, code, a link, a table, a quote. */
const WARM_UP_SAMPLE = `## A heading

Some **bold**, some _emphasis_, \`inline code\` and [a link](https://example.com). A sentence that goes on for a
while, as answers do, with a few more words in it.

- a list item
- another, with \`code\`

1. first
2. second

> a quote

| a | b |
| --- | --- |
| 1 | 2 |

\`\`\`ts
const answer = 42
\`\`\`
`

/**
 * Parses a sample answer a few times. The parser's first answers of a session run its code cold, several times
 * slower than later ones (opening a long conversation spent ~110 ms parsing its first screen); warmed up in idle time
 * after start, the first conversation opened paints sooner.
 */
export function warmUpMarkdown(): void {
  for (let run = 0; run < 3; run++) markdownProcessor.runSync(markdownProcessor.parse(WARM_UP_SAMPLE))
}
