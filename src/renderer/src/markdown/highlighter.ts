/**
 * Syntax highlighting, loaded off the start-up path: highlight.js core and a handful of common grammars are
 * imported on first use. Results are cached by (language, code), so a finished block is highlighted once even
 * when a list re-mounts it.
 */
import type { HLJSApi, LanguageFn } from 'highlight.js'
import { LruCache } from '../../../shared/lru-cache'

type GrammarLoader = () => Promise<{ default: LanguageFn }>

/** Grammar loaders by the names and aliases people put after a fence. */
const GRAMMARS: Record<string, GrammarLoader> = {
  bash: () => import('highlight.js/lib/languages/bash'),
  c: () => import('highlight.js/lib/languages/c'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  csharp: () => import('highlight.js/lib/languages/csharp'),
  css: () => import('highlight.js/lib/languages/css'),
  diff: () => import('highlight.js/lib/languages/diff'),
  go: () => import('highlight.js/lib/languages/go'),
  java: () => import('highlight.js/lib/languages/java'),
  javascript: () => import('highlight.js/lib/languages/javascript'),
  json: () => import('highlight.js/lib/languages/json'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  python: () => import('highlight.js/lib/languages/python'),
  rust: () => import('highlight.js/lib/languages/rust'),
  sql: () => import('highlight.js/lib/languages/sql'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  xml: () => import('highlight.js/lib/languages/xml'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
}

const ALIASES: Record<string, string> = {
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  'c++': 'cpp',
  cs: 'csharp',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  md: 'markdown',
  py: 'python',
  rs: 'rust',
  ts: 'typescript',
  tsx: 'typescript',
  html: 'xml',
  svg: 'xml',
  yml: 'yaml',
}

export function canonicalLanguage(language: string | undefined): string | null {
  if (!language) return null
  const lower = language.toLowerCase()
  const name = ALIASES[lower] ?? lower
  return name in GRAMMARS ? name : null
}

const highlightedHtml = new LruCache<string, string>(200)
const grammarLoads = new Map<string, Promise<HLJSApi>>()
let coreLoad: Promise<HLJSApi> | null = null

function cacheKey(code: string, language: string): string {
  return `${language}\u0000${code}`
}

function loadCore(): Promise<HLJSApi> {
  coreLoad ??= import('highlight.js/lib/core').then((module) => module.default)
  return coreLoad
}

function loadGrammar(language: string): Promise<HLJSApi> {
  let load = grammarLoads.get(language)
  if (!load) {
    load = Promise.all([loadCore(), GRAMMARS[language]()]).then(([hljs, grammar]) => {
      hljs.registerLanguage(language, grammar.default)
      return hljs
    })
    grammarLoads.set(language, load)
  }
  return load
}

/** The highlighted HTML if it is already known (so a re-mount paints at once), else null. */
export function cachedHighlight(code: string, language: string): string | null {
  return highlightedHtml.get(cacheKey(code, language)) ?? null
}

/** highlight.js escapes the code it returns, so the HTML is safe to inject. */
export async function highlightCode(code: string, language: string): Promise<string> {
  const key = cacheKey(code, language)
  const cached = highlightedHtml.get(key)
  if (cached !== undefined) return cached
  const hljs = await loadGrammar(language)
  const html = hljs.highlight(code, { language, ignoreIllegals: true }).value
  highlightedHtml.set(key, html)
  return html
}
