import type { Worker } from 'node:worker_threads'
import type { ConversationSummary, ReadonlyConversation, SearchHit } from '../../shared/domain'
import { AppErrorException, appError, fail } from '../../shared/errors'
import type { FileStamp } from './durable-files'
import { trackSearchChanges } from './search-changes'
import {
  type SearchReply,
  type SearchRequest,
  type SearchWorkerData,
  type SearchWorkerHit,
  searchReplySchema,
} from './search-protocol'
import { describeError } from './storage-errors'
import { startWorker } from './worker-runner'

/** Conversations whose last posted messages main remembers; about the store's cached bodies, which hold them anyway. */
const TRACKED_CONVERSATIONS = 16

export interface SearchIndex {
  /**
   * Ranked by relevance, equally relevant ones in the order of `summaries`; only conversations in `summaries`.
   * Answers once the saved index is loaded and caught up with the files.
   */
  search(query: string, summaries: readonly ConversationSummary[]): Promise<SearchHit[]>
  /**
   * Once the conversation index is open: `current` says every conversation there is, with its file's stamp. The
   * worker, loading the saved index meanwhile, then re-indexes those whose file changed.
   */
  catchUp(current: () => Map<string, FileStamp>): void
  /** Takes in a conversation as its file now holds it (`stamp`). */
  update(conversation: ReadonlyConversation, stamp: FileStamp): void
  /** Reads a conversation written without its body at hand (an import) and takes it in. */
  refresh(id: string): void
  remove(id: string): void
  /** Waits for the index to be saved and ends its worker; what is not indexed yet is on the next start. */
  close(): Promise<void>
}

export interface SearchIndexOptions {
  dataDir: string
  saveDelayMs: number
  log: (message: string) => void
  /** Starts the search worker (search-worker.ts) with its data. */
  start?: (data: SearchWorkerData) => Worker
}

interface Running {
  worker: Worker
  searches: Map<number, { resolve(hits: SearchWorkerHit[]): void; reject(error: Error): void }>
  ready: boolean
  onClosed?: () => void
}

/**
 * The full-text index, kept by a worker thread that lives as long as the store (search-worker.ts): it starts loading
 * the saved index at once, while main opens its conversation index, without blocking main, and catches up with
 * changed files by reading them itself. Main
 * posts each change as it is written and asks it for searches. A worker that stops fails the searches it had; the
 * next search starts a fresh one, which loads the saved index and catches up from the files.
 */
export function openSearchIndex(options: SearchIndexOptions): SearchIndex {
  const start = options.start ?? ((data: SearchWorkerData) => startWorker('search-worker', data))
  const changes = trackSearchChanges(TRACKED_CONVERSATIONS)
  let closed = false
  let nextRequestId = 0
  let current: (() => Map<string, FileStamp>) | undefined
  let running: Running | undefined = launch()

  function postStamps(worker: Worker, stamps: Map<string, FileStamp>): void {
    const list = [...stamps].map(([id, { size, mtimeMs }]): [string, number, number] => [id, size, mtimeMs])
    worker.postMessage({ type: 'catch-up', stamps: list } satisfies SearchRequest)
  }

  function launch(): Running | undefined {
    // A fresh worker knows only the saved index and the files: every conversation is posted whole again.
    changes.forgetAll()
    let worker: Worker
    try {
      worker = start({ dataDir: options.dataDir, saveDelayMs: options.saveDelayMs })
    } catch (error) {
      // The conversations do not depend on it: the store opens, and each search says search is unavailable.
      options.log(`Search could not start: ${describeError(error)}`)
      return undefined
    }
    if (current) postStamps(worker, current())
    const self: Running = { worker, searches: new Map(), ready: false }
    let stopped = false
    const stop = (why: string): void => {
      if (stopped) return
      stopped = true
      if (running === self) running = undefined
      if (!closed) options.log(`The search worker stopped: ${why}.`)
      const error = new AppErrorException(appError('internal', 'Search stopped unexpectedly. Try searching again.'))
      for (const { reject } of self.searches.values()) reject(error)
      self.searches.clear()
      self.onClosed?.()
      void worker.terminate()
    }
    worker.on('message', (raw: unknown) => {
      const parsed = searchReplySchema.safeParse(raw)
      if (!parsed.success) return stop('it sent an unreadable answer')
      answer(self, parsed.data)
    })
    worker.on('messageerror', () => stop('it sent an answer that could not be received'))
    worker.on('error', (error) => stop(error.message))
    worker.on('exit', (code) => stop(`exit code ${code}`))
    return self
  }

  function answer(self: Running, reply: SearchReply): void {
    switch (reply.type) {
      case 'ready':
        self.ready = true
        break
      case 'log':
        options.log(reply.message)
        break
      case 'closed':
        self.onClosed?.()
        break
      default: {
        const search = self.searches.get(reply.requestId)
        self.searches.delete(reply.requestId)
        if (reply.type === 'hits') search?.resolve(reply.hits)
        else search?.reject(new AppErrorException(appError('internal', `Search failed: ${reply.message}`)))
      }
    }
  }

  function post(request: SearchRequest): void {
    running?.worker.postMessage(request)
  }

  return {
    catchUp(stamps) {
      current = stamps
      if (running) postStamps(running.worker, stamps())
    },
    async search(query, summaries) {
      if (closed) fail('storage', 'Conversation storage is closed.')
      running ??= launch()
      const self = running ?? fail('internal', 'Search is unavailable: its worker could not start.')
      const requestId = ++nextRequestId
      const hits = await new Promise<SearchWorkerHit[]>((resolve, reject) => {
        self.searches.set(requestId, { resolve, reject })
        self.worker.postMessage({
          type: 'search',
          requestId,
          query,
          order: summaries.map((summary) => summary.id),
        } satisfies SearchRequest)
      })
      const byId = new Map(summaries.map((summary) => [summary.id, summary]))
      return hits.flatMap(({ id, snippet }) => {
        const conversation = byId.get(id)
        return conversation ? [{ conversation, snippet }] : []
      })
    },
    update(conversation, stamp) {
      // With no worker, the next one catches up from the file, whose stamp main's index has.
      if (running) post({ type: 'update', changes: changes.changesOf(conversation, stamp) })
    },
    refresh(id) {
      changes.forget(id)
      post({ type: 'refresh', id })
    },
    remove(id) {
      changes.forget(id)
      post({ type: 'remove', id })
    },
    async close() {
      if (closed) return
      closed = true
      const self = running
      if (!self) return
      // Still loading its code (from source that takes a moment; a test, or a quit right after starting): it has
      // neither loaded nor changed anything, and what main posted is in the files, which the next start catches up.
      if (self.ready)
        await new Promise<void>((resolve) => {
          self.onClosed = resolve
          self.worker.postMessage({ type: 'close' } satisfies SearchRequest)
        })
      await self.worker.terminate()
    },
  }
}
