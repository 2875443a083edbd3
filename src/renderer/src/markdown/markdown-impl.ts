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
