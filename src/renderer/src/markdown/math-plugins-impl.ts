import 'katex/dist/katex.min.css'
import rehypeKatex from 'rehype-katex'
import remarkMath from 'remark-math'
import type { MathPlugins } from './math-plugins'

export const mathPlugins: MathPlugins = {
  remarkPlugins: [remarkMath],
  // A formula still being typed must not break the message: KaTeX shows its error in place instead.
  rehypePlugins: [[rehypeKatex, { throwOnError: false, strict: 'ignore' }]],
}
