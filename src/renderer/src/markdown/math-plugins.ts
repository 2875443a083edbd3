/**
 * remark-math + rehype-katex (and KaTeX's CSS) are loaded the first time a message contains a `$`, off the
 * start-up path. Until then such a block renders without math; it re-renders once the plugins arrive.
 */
import { useEffect, useSyncExternalStore } from 'react'
import type { Options } from 'react-markdown'

export interface MathPlugins {
  remarkPlugins: NonNullable<Options['remarkPlugins']>
  rehypePlugins: NonNullable<Options['rehypePlugins']>
}

let loaded: MathPlugins | null = null
let loadStarted = false
const subscribers = new Set<() => void>()

function loadMathPlugins(): void {
  if (loadStarted) return
  loadStarted = true
  void import('./math-plugins-impl').then((module) => {
    loaded = module.mathPlugins
    for (const notify of subscribers) notify()
  })
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify)
  return () => subscribers.delete(notify)
}

export function useMathPlugins(needed: boolean): MathPlugins | null {
  const plugins = useSyncExternalStore(subscribe, () => loaded)
  useEffect(() => {
    if (needed) loadMathPlugins()
  }, [needed])
  return needed ? plugins : null
}
