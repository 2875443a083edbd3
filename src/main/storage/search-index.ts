import MiniSearch, { type Options, type SearchResult } from 'minisearch'
import type { ConversationSummary, ReadonlyConversation, SearchHit } from '../../shared/domain'
import { mapWithLimit } from './concurrency'
import type { FileStamp } from './durable-files'
import { conversationIdOf, documentsOf, type SearchDocument, snippetOf, wordsOf } from './search-documents'
import { type IndexedConversation, parseSearchFile, readSearchFile, writeSearchFile } from './search-file'
import { describeError } from './storage-errors'

/** The sidebar shows a list, not an archive dump; a broader query than this is refined by typing more. */
export const MAX_SEARCH_HITS = 200
const REBUILD_CONCURRENCY = 8

const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  fields: ['text'],
  // Kept so a snippet can be cut without opening the conversation's file.
  storeFields: ['text'],
  tokenize: wordsOf,
  processTerm: (term) => term.toLowerCase(),
  // Every word is a prefix (results while typing) and all of them must be in the same message or the title.
  searchOptions: { prefix: true, combineWith: 'AND' },
}

export interface SearchIndex {
  /**
   * Ranked by relevance, equally relevant ones in the order of `summaries`; only conversations in `summaries`.
   * Answers once the saved index is loaded and caught up with the files.
   */
  search(query: string, summaries: readonly ConversationSummary[]): Promise<SearchHit[]>
  /**
   * Starts loading the saved index now rather than after `loadDelayMs`: the app has answered its list, so the
   * moment loading blocks the main process no longer delays the sidebar, and the first search waits less.
   */
  prepare(): void
  /** Takes in a conversation as its file now holds it (`stamp`). */
  update(conversation: ReadonlyConversation, stamp: FileStamp): void
  /** Reads a conversation written without its body at hand (an import) and takes it in. */
  refresh(id: string): void
  remove(id: string): void
  /** Stops a rebuild in progress and saves what is indexed; the rest is indexed on the next start. */
  close(): Promise<void>
}

export interface SearchIndexOptions {
  path: string
  saveDelayMs: number
  /**
   * Loading the saved index takes the main process a moment (parsing it cannot yield), so without `prepare` or a
   * search it waits this long after opening, until the app has shown its window and list.
   */
  loadDelayMs: number
  log: (message: string) => void
  /** Every conversation there is now, with its file's stamp as the conversation index knows it. */
  current(): Map<string, FileStamp>
  /** A conversation as its file holds it now, or undefined when it is gone or unreadable. */
  load(id: string): Promise<{ conversation: ReadonlyConversation; stamp: FileStamp } | undefined>
}

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs
}

/**
 * A full-text index of every conversation, saved beside them, so the first search after a start reads no
 * conversation file. Once the app has its list (or at the first search, or a moment after opening) it loads the
 * saved index, then re-indexes only the conversations whose file changed since it was saved (all of them when it is
 * missing or damaged); searches wait for that. Changes are applied in memory at once and saved once they settle, and when the store closes.
 */
export function openSearchIndex(options: SearchIndexOptions): SearchIndex {
  const { log } = options
  let miniSearch = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS)
  let indexed = new Map<string, IndexedConversation>()
  let dirty = false
  let closing = false
  // Until the saved index is loaded, saving would replace it with a partial one.
  let loaded = false
  let saveTimer: NodeJS.Timeout | undefined
  // Loading, catching up and every change run one after another, so a change is never applied to a replaced index.
  let work: Promise<void> = Promise.resolve()

  function enqueue(step: () => void | Promise<void>): Promise<void> {
    work = work.then(step).catch((error) => log(`The search index failed: ${describeError(error)}`))
    return work
  }

  function changed(): void {
    dirty = true
    if (closing) return
    // Postponed while changes keep coming (an answer streaming): saving the whole index per checkpoint would cost
    // more than re-indexing the few conversations a crash could leave stale.
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(() => void enqueue(save), options.saveDelayMs)
    // Closing the store saves; a pending timer must not keep a quitting process alive.
    saveTimer.unref()
  }

  function discardAll(id: string, entry: IndexedConversation): void {
    for (const documentId of [id, ...entry.messageIds.map((messageId) => `${id}:${messageId}`)]) {
      if (miniSearch.has(documentId)) miniSearch.discard(documentId)
    }
  }

  function updateNow(conversation: ReadonlyConversation, stamp: FileStamp): void {
    const documents = documentsOf(conversation)
    const previous = indexed.get(conversation.id)
    if (previous) {
      const kept = new Set(documents.map((document) => document.id))
      for (const messageId of previous.messageIds) {
        const documentId = `${conversation.id}:${messageId}`
        if (!kept.has(documentId) && miniSearch.has(documentId)) miniSearch.discard(documentId)
      }
    }
    for (const document of documents) {
      if (!miniSearch.has(document.id)) miniSearch.add(document)
      else if (miniSearch.getStoredFields(document.id)?.text !== document.text) miniSearch.replace(document)
    }
    const messageIds = documents.slice(1).map((document) => document.id.slice(conversation.id.length + 1))
    indexed.set(conversation.id, { stamp, messageIds })
    changed()
  }

  function removeNow(id: string): void {
    const entry = indexed.get(id)
    if (!entry) return
    discardAll(id, entry)
    indexed.delete(id)
    changed()
  }

  async function loadSaved(): Promise<void> {
    if (closing) return
    const text = await readSearchFile(options.path, log)
    if (closing) return
    loaded = true
    const saved = text === undefined ? undefined : parseSearchFile(text, log)
    if (!saved) return
    try {
      // At once rather than with loadJSAsync, which yields to a timer every thousand entries and so takes four
      // times as long: the first search after a start waits for this (1,000 conversations: ~0.2 s, bench/RESULTS.md).
      miniSearch = MiniSearch.loadJS(saved.index, MINISEARCH_OPTIONS)
      indexed = saved.conversations
    } catch (error) {
      log(`The search index is unreadable (${describeError(error)}); rebuilding it from the conversation files.`)
    }
  }

  async function catchUp(): Promise<void> {
    const current = options.current()
    for (const id of [...indexed.keys()]) if (!current.has(id)) removeNow(id)
    const stale = [...current].filter(([id, stamp]) => !sameStamp(indexed.get(id)?.stamp, stamp)).map(([id]) => id)
    await mapWithLimit(stale, REBUILD_CONCURRENCY, async (id) => {
      if (closing) return
      const body = await options.load(id)
      if (body) updateNow(body.conversation, body.stamp)
      else removeNow(id)
    })
  }

  async function save(): Promise<void> {
    if (!dirty || !loaded) return
    dirty = false
    try {
      await writeSearchFile(options.path, { conversations: indexed, index: miniSearch.toJSON() })
    } catch (error) {
      dirty = true
      log(`Could not save the search index: ${describeError(error)}`)
    }
  }

  let startLoading = (): void => undefined
  const loadRequested = new Promise<void>((resolve) => {
    startLoading = resolve
  })
  const loadTimer = setTimeout(startLoading, options.loadDelayMs)
  loadTimer.unref()
  enqueue(async () => {
    await loadRequested
    clearTimeout(loadTimer)
    await loadSaved()
    await catchUp()
  })

  return {
    async search(query, summaries) {
      startLoading()
      await work
      const words = wordsOf(query).map((word) => word.toLowerCase())
      if (words.length === 0) return []
      const order = new Map(summaries.map((summary, position) => [summary.id, { summary, position }]))
      // Results come best first, so the first one of a conversation is its best message.
      const best = new Map<string, SearchResult>()
      for (const result of miniSearch.search(query)) {
        const id = conversationIdOf(result.id)
        if (order.has(id) && !best.has(id)) best.set(id, result)
      }
      const ranked = [...best].sort(
        ([a, resultA], [b, resultB]) =>
          resultB.score - resultA.score || (order.get(a)?.position ?? 0) - (order.get(b)?.position ?? 0),
      )
      return ranked.slice(0, MAX_SEARCH_HITS).flatMap(([id, result]) => {
        const found = order.get(id)
        const text = result.text
        return found && typeof text === 'string'
          ? [{ conversation: found.summary, snippet: snippetOf(text, words) }]
          : []
      })
    },
    prepare() {
      startLoading()
    },
    update(conversation, stamp) {
      void enqueue(() => updateNow(conversation, stamp))
    },
    refresh(id) {
      void enqueue(async () => {
        // Not read at all when closing: the next start finds its stamp unknown and takes it in then.
        if (closing) return
        const body = await options.load(id)
        if (closing) return
        if (body) updateNow(body.conversation, body.stamp)
        else removeNow(id)
      })
    },
    remove(id) {
      void enqueue(() => removeNow(id))
    },
    async close() {
      closing = true
      startLoading()
      if (saveTimer) clearTimeout(saveTimer)
      await enqueue(save)
    },
  }
}
