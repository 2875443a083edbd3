/**
 * Loads the markdown chunk (markdown-impl.ts) off the start-up path: the page asks for it once the first screen's
 * data has arrived (preloadMarkdown), and anything that needs it before then asks too and re-renders once it is there.
 */
import { useEffect, useSyncExternalStore } from 'react'

export type MarkdownModule = typeof import('./markdown-impl')

let loaded: MarkdownModule | null = null
let loading: Promise<MarkdownModule> | null = null
const subscribers = new Set<() => void>()

export function loadMarkdown(): Promise<MarkdownModule> {
  loading ??= import('./markdown-impl').then((module) => {
    loaded = module
    for (const notify of subscribers) notify()
    return module
  })
  return loading
}

/** Loads the chunk and warms its parser up, each when the page is idle: for start-up, once the first screen is shown. */
export function preloadMarkdown(): void {
  requestIdleCallback(() => {
    void loadMarkdown().then((module) => requestIdleCallback(() => module.warmUpMarkdown()))
  })
}

/** The chunk if it has loaded (without asking for it). */
export function loadedMarkdown(): MarkdownModule | null {
  return loaded
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify)
  return () => subscribers.delete(notify)
}

/** The chunk, asked for when missing; null until it arrives. */
export function useMarkdown(): MarkdownModule | null {
  const module = useSyncExternalStore(subscribe, () => loaded)
  useEffect(() => {
    if (!module) void loadMarkdown()
  }, [module])
  return module
}
