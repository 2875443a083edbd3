import MiniSearch, { type Options, type SearchResult } from 'minisearch'
import type { ReadonlyConversation } from '../../shared/domain'
import { LruCache } from '../../shared/lru-cache'
import { mapWithLimit } from './concurrency'
import type { FileStamp } from './durable-files'
import { conversationIdOf, type SearchDocument, snippetOf, wholeConversation, wordsOf } from './search-documents'
import { type IndexedConversation, parseSearchFile, readSearchFile, writeSearchFile } from './search-file'
import type { ConversationChanges, SearchWorkerHit } from './search-protocol'
import { describeError } from './storage-errors'

/** The sidebar shows a list, not an archive dump; a broader query than this is refined by typing more. */
export const MAX_SEARCH_HITS = 200
const REBUILD_CONCURRENCY = 8
/** Conversations whose texts stay at hand for snippets: a long thread found by one search is likely by the next. */
const CACHED_TEXTS = 8

const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  fields: ['text'],
  // No stored text: snippets are cut from the hits' files. Storing every message's text more than doubled the saved
  // index (bench data: 35 MB, 16 MB without) and the first search after a start waited for it to load.
  tokenize: wordsOf,
  processTerm: (term) => term.toLowerCase(),
  // Every word is a prefix (results while typing) and all of them must be in the same message or the title.
  searchOptions: { prefix: true, combineWith: 'AND' },
}

export interface SearchEngineOptions {
  path: string
  saveDelayMs: number
  log: (message: string) => void
  /**
   * A conversation as its file holds it, with the stamp of exactly what was read (a file read mid-append then
   * differs from the next start's stamp and is read again); undefined when it is gone or unreadable.
   */
  read(id: string): Promise<{ conversation: ReadonlyConversation; stamp: FileStamp } | undefined>
}

/** The search worker's index, one per worker (search-worker.ts). */
export interface SearchEngine {
  /** Ids ranked by relevance, equally relevant ones in `order`; only ids in `order`. */
  search(query: string, order: readonly string[]): Promise<SearchWorkerHit[]>
  /** Every conversation there is now, with its file's stamp: re-indexes those the saved index has another stamp for. */
  catchUp(stamps: Map<string, FileStamp>): void
  apply(changes: ConversationChanges): void
  refresh(id: string): void
  remove(id: string): void
  /** Stops catching up and saves what is indexed; the rest is indexed on the next start. */
  close(): Promise<void>
}

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs
}

/**
 * A full-text index of every conversation, saved beside them, so the first search after a start reads no
 * conversation file. It loads the saved index at once, then, given main's stamps, re-indexes only the conversations
 * whose file changed since it was saved (all of them when it is missing or damaged); searches wait for that. Every step (loading,
 * catching up, each change main posts, each search) runs after the one before, so a file read while catching up can
 * never land after, and undo, a newer change main posted meanwhile. Changes are saved once they settle, and on close.
 */
export function openSearchEngine(options: SearchEngineOptions): SearchEngine {
  const { log } = options
  let miniSearch = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS)
  let indexed = new Map<string, IndexedConversation>()
  let dirty = false
  let closing = false
  // Until the saved index is loaded, saving would replace it with a partial one.
  let loaded = false
  let saveTimer: NodeJS.Timeout | undefined
  let work: Promise<void> = Promise.resolve()
  // Document id → text, per conversation lately cut snippets from; dropped whenever the conversation changes.
  const texts = new LruCache<string, Map<string, string>>(CACHED_TEXTS)

  function enqueue<T>(step: () => T | Promise<T>): Promise<T> {
    const result = work.then(step)
    work = result.then(
      () => undefined,
      (error) => log(`The search index failed: ${describeError(error)}`),
    )
    return result
  }

  function changed(): void {
    dirty = true
    if (closing) return
    // Postponed while changes keep coming (an answer streaming): saving the whole index per checkpoint would cost
    // more than re-indexing the few conversations a crash could leave stale.
    if (saveTimer) clearTimeout(saveTimer)
    saveTimer = setTimeout(() => void enqueue(save), options.saveDelayMs)
    // Closing saves; a pending timer must not keep a finished thread alive.
    saveTimer.unref()
  }

  function discard(documentId: string): void {
    if (miniSearch.has(documentId)) miniSearch.discard(documentId)
  }

  function put(document: SearchDocument): void {
    if (miniSearch.has(document.id)) miniSearch.replace(document)
    else miniSearch.add(document)
  }

  function applyNow(changes: ConversationChanges): void {
    const { id } = changes
    texts.delete(id)
    const messageIds = new Set(indexed.get(id)?.messageIds)
    const removed = [...changes.removedMessageIds]
    if (changes.full) {
      const kept = new Set(changes.messages.map(([messageId]) => messageId))
      for (const messageId of messageIds) if (!kept.has(messageId)) removed.push(messageId)
    }
    if (changes.title !== undefined) put({ id, text: changes.title })
    for (const messageId of removed) {
      discard(`${id}:${messageId}`)
      messageIds.delete(messageId)
    }
    for (const [messageId, text] of changes.messages) {
      const documentId = `${id}:${messageId}`
      if (text.trim()) {
        put({ id: documentId, text })
        messageIds.add(messageId)
      } else {
        discard(documentId)
        messageIds.delete(messageId)
      }
    }
    indexed.set(id, { stamp: changes.stamp, messageIds: [...messageIds] })
    changed()
  }

  function removeNow(id: string): void {
    texts.delete(id)
    const entry = indexed.get(id)
    if (!entry) return
    for (const documentId of [id, ...entry.messageIds.map((messageId) => `${id}:${messageId}`)]) discard(documentId)
    indexed.delete(id)
    changed()
  }

  async function readNow(id: string): Promise<void> {
    const read = await options.read(id)
    if (read) applyNow(wholeConversation(read.conversation, read.stamp))
    else removeNow(id)
  }

  async function loadSaved(): Promise<void> {
    if (closing) return
    const text = await readSearchFile(options.path, log)
    loaded = true
    const saved = text === undefined ? undefined : parseSearchFile(text, log)
    if (!saved) return
    try {
      // At once rather than with loadJSAsync, which yields to a timer every thousand entries and so takes four
      // times as long: nothing else waits on this thread, and the first search waits for it.
      miniSearch = MiniSearch.loadJS(saved.index, MINISEARCH_OPTIONS)
      indexed = saved.conversations
    } catch (error) {
      log(`The search index is unreadable (${describeError(error)}); rebuilding it from the conversation files.`)
    }
  }

  async function catchUp(current: Map<string, FileStamp>): Promise<void> {
    for (const id of [...indexed.keys()]) if (!current.has(id)) removeNow(id)
    const stale = [...current].filter(([id, stamp]) => !sameStamp(indexed.get(id)?.stamp, stamp)).map(([id]) => id)
    await mapWithLimit(stale, REBUILD_CONCURRENCY, async (id) => {
      if (!closing) await readNow(id)
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

  async function textsOf(id: string): Promise<Map<string, string> | undefined> {
    const cached = texts.get(id)
    if (cached) return cached
    const read = await options.read(id)
    if (!read) return undefined
    const { title, messages } = wholeConversation(read.conversation, read.stamp)
    const documents = new Map(messages.map(([messageId, text]) => [`${id}:${messageId}`, text]))
    documents.set(id, title ?? '')
    texts.set(id, documents)
    return documents
  }

  async function searchNow(query: string, order: readonly string[]): Promise<SearchWorkerHit[]> {
    const words = wordsOf(query).map((word) => word.toLowerCase())
    if (words.length === 0) return []
    const positions = new Map(order.map((id, position) => [id, position]))
    // Results come best first, so the first one of a conversation is its best message.
    const best = new Map<string, SearchResult>()
    for (const result of miniSearch.search(query)) {
      const id = conversationIdOf(result.id)
      if (positions.has(id) && !best.has(id)) best.set(id, result)
    }
    const ranked = [...best]
      .sort(
        ([a, resultA], [b, resultB]) =>
          resultB.score - resultA.score || (positions.get(a) ?? 0) - (positions.get(b) ?? 0),
      )
      .slice(0, MAX_SEARCH_HITS)
    const hits = await mapWithLimit(ranked, REBUILD_CONCURRENCY, async ([id, result]) => {
      const documents = await textsOf(id)
      // The title when the file no longer holds the message (changed outside the app, unnoticed at the same stamp).
      const text = documents?.get(result.id) ?? documents?.get(id)
      return text === undefined ? [] : [{ id, snippet: snippetOf(text, words) }]
    })
    return hits.flat()
  }

  let stampsArrived: (stamps: Map<string, FileStamp> | undefined) => void = () => undefined
  const stamps = new Promise<Map<string, FileStamp> | undefined>((resolve) => {
    stampsArrived = resolve
  })
  enqueue(async () => {
    await loadSaved()
    const current = await stamps
    if (current) await catchUp(current)
  })

  return {
    search: (query, order) => enqueue(() => searchNow(query, order)),
    catchUp: (current) => stampsArrived(current),
    apply(changes) {
      void enqueue(() => applyNow(changes))
    },
    refresh(id) {
      // Not read at all when closing: the next start finds its stamp unknown and takes it in then.
      void enqueue(() => (closing ? undefined : readNow(id)))
    },
    remove(id) {
      void enqueue(() => removeNow(id))
    },
    async close() {
      closing = true
      stampsArrived(undefined)
      if (saveTimer) clearTimeout(saveTimer)
      await enqueue(save)
    },
  }
}
