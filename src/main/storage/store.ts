import { randomUUID } from 'node:crypto'
import { readFile as readBytes, rm } from 'node:fs/promises'
import { FIRST_WINDOW_MESSAGES } from '../../shared/contract/conversations'
import type { ChatMessage, ConversationSummary, ExportFormat, ReadonlyConversation } from '../../shared/domain'
import { fail } from '../../shared/errors'
import { LruCache } from '../../shared/lru-cache'
import type { ConversationStore, ConversationWindow } from '../ports'
import { DEFAULT_TITLE, hasAutomaticTitle, titleFromMessage } from './auto-title'
import { compactText, loadConversationFile } from './conversation-file'
import type { ConversationIndex, IndexEntry } from './conversation-index'
import {
  applyRecords,
  type ConversationState,
  presentConversation,
  presentWindow,
  stateFromHeader,
  summarize,
} from './conversation-state'
import { EXPORT_TYPES, exportFilename } from './conversation-transfer'
import {
  type AppendFlush,
  appendToFile,
  ensurePrivateDirectory,
  type FileStamp,
  writeAtomically,
} from './durable-files'
import { renderExportInWorker } from './export-runner'
import { acquireLock } from './file-lock'
import type { ImportPreparationOptions, PreparedImport } from './import-preparation'
import { prepareImportInWorker } from './import-runner'
import { createKeyedQueue } from './keyed-queue'
import { RECORD_VERSIONING, type RecordVersioning } from './migrations'
import { isConversationId, storagePaths } from './paths'
import { openConversationIndex } from './reconcile-index'
import { type ConversationRecord, serializeRecord, validForWriting } from './records'
import { openSearchIndex } from './search-index'
import { describeError, readFailure, writeFailure } from './storage-errors'
import { messageText } from './text'
import { createWindowCache } from './window-cache'

const INDEX_SAVE_DELAY_MS = 500
const SEARCH_SAVE_DELAY_MS = 2_000
const CACHED_BODIES = 16
/** As many as the page asks for when it opens a conversation: the window saved for the next start serves that. */
const SAVED_WINDOW_MESSAGES = FIRST_WINDOW_MESSAGES
/**
 * A file this much larger than its records rewritten once each is compacted: an answer's checkpoints (each a whole
 * snapshot) would otherwise stay in the file for good.
 */
const COMPACT_WHEN_LARGER_BY = 1.25

export interface StoreOptions {
  dataDir: string
  log?: (message: string) => void
  /** Which record versions exist and how to upgrade old ones; tests supply their own to exercise a migration. */
  versioning?: RecordVersioning
  /** Checks and prepares an import; a worker thread unless a test runs it in line. */
  prepareImport?: (content: string, options: ImportPreparationOptions) => Promise<PreparedImport>
}

/** Up to `limit` messages ending before message number `end`, presented as `window` hands them out. */
function windowEndingAt(state: ConversationState, end: number, limit: number): ConversationWindow {
  return presentWindow(state, Math.max(0, end - limit), end)
}

type ChangeListener = Parameters<ConversationStore['onChange']>[0]

/** Opens `<dataDir>/conversations`, taking its lock; throws AppError `busy` while another process holds it. */
export async function openConversationStore(options: StoreOptions): Promise<ConversationStore> {
  const log = options.log ?? (() => undefined)
  const versioning = options.versioning ?? RECORD_VERSIONING
  const paths = storagePaths(options.dataDir)
  await ensurePrivateDirectory(paths.dir)
  const lock = await acquireLock(paths.lock, 'Your conversations')

  async function readFile(id: string): Promise<{ state: ConversationState; stamp: FileStamp }> {
    try {
      return await loadConversationFile(paths.conversation(id), versioning, log)
    } catch (error) {
      return readFailure(error)
    }
  }

  const windows = createWindowCache(paths, versioning.current, log)

  /** The newest messages of each cached body, so opening it after the next start need not replay its file. */
  async function saveOpenWindows(): Promise<void> {
    await Promise.all(
      [...bodies.contents()].map(([id, state]) => {
        const known = index.get(id)
        const newest = windowEndingAt(state, state.conversation.messages.length, SAVED_WINDOW_MESSAGES)
        return known ? windows.write(id, known.stamp, newest) : undefined
      }),
    )
  }

  // Loading the saved search index takes its worker longer than opening the conversation index: it starts first.
  const search = openSearchIndex({ dataDir: options.dataDir, saveDelayMs: SEARCH_SAVE_DELAY_MS, log })
  let index: ConversationIndex
  try {
    index = await openConversationIndex(paths, { saveDelayMs: INDEX_SAVE_DELAY_MS, log }, async (id) => {
      const { state, stamp } = await readFile(id)
      return { summary: summarize(state.conversation), stamp }
    })
  } catch (error) {
    await search.close()
    await lock.release()
    throw error
  }
  search.catchUp(
    () =>
      new Map(
        index.list().flatMap(({ id }): [string, FileStamp][] => {
          const entry = index.get(id)
          return entry ? [[id, entry.stamp]] : []
        }),
      ),
  )
  const queue = createKeyedQueue()
  // The most recently used bodies, so a chat being written does not re-read its file per message.
  const bodies = new LruCache<string, ConversationState>(CACHED_BODIES)
  const listeners = new Set<ChangeListener>()
  let closed = false

  function emit(change: Parameters<ChangeListener>[0]): void {
    for (const listener of listeners) {
      try {
        listener(change)
      } catch (error) {
        log(`A conversation change listener failed: ${describeError(error)}`)
      }
    }
  }

  function requireKnown(id: string): IndexEntry {
    if (closed) fail('storage', 'Conversation storage is closed.')
    return index.get(id) ?? fail('not-found', 'This conversation no longer exists.')
  }

  function changed(state: ConversationState, stamp: FileStamp): ConversationSummary {
    const summary = announce(summarize(state.conversation), stamp)
    search.update(state.conversation, stamp)
    return summary
  }

  function announce(summary: ConversationSummary, stamp: FileStamp): ConversationSummary {
    index.set({ summary, stamp })
    emit({ upserted: summary })
    return summary
  }

  /** The body of a conversation, read at most once while it stays cached; only call inside its queue. */
  async function bodyOf(id: string): Promise<ConversationState> {
    const cached = bodies.get(id)
    if (cached) return cached
    const { state, stamp } = await readFile(id)
    const known = index.get(id)
    // A load that repaired the file changed it; the index must not take the repaired file for a stale one.
    if (known && (known.stamp.size !== stamp.size || known.stamp.mtimeMs !== stamp.mtimeMs)) {
      index.set({ summary: summarize(state.conversation), stamp })
      search.update(state.conversation, stamp)
    }
    bodies.set(id, state)
    return state
  }

  /** Appends the records `plan` returns for the current body, then applies them: the disk changes first. */
  function mutate(
    id: string,
    plan: (state: ConversationState) => ConversationRecord[],
    flush: AppendFlush = 'wait',
  ): Promise<ConversationSummary> {
    requireKnown(id)
    return queue.run(id, async () => {
      requireKnown(id)
      const state = await bodyOf(id)
      const records = plan(state).map(validForWriting)
      if (records.length === 0) return summarize(state.conversation)
      let stamp: FileStamp
      try {
        stamp = await appendToFile(
          paths.conversation(id),
          records.map((record) => serializeRecord(record, versioning.current)).join(''),
          flush,
          (error) => log(`Conversation ${id} may not be on disk yet: ${describeError(error)}`),
        )
      } catch (error) {
        // The body may no longer match the file (a partial write); read it again next time.
        bodies.delete(id)
        return writeFailure(error)
      }
      applyRecords(state, records)
      return changed(state, stamp)
    })
  }

  async function writeNew(records: ConversationRecord[]): Promise<ConversationSummary> {
    const header = records[0]
    if (header?.type !== 'header') return fail('internal', 'A conversation starts with its header.')
    const id = header.id
    if (closed) fail('storage', 'Conversation storage is closed.')
    if (!isConversationId(id)) fail('invalid-request', `"${id}" cannot be used as a conversation id.`)
    if (index.get(id)) fail('invalid-request', `A conversation with id ${id} already exists.`)
    const valid = records.map(validForWriting)
    return queue.run(id, async () => {
      let stamp: FileStamp
      try {
        // Written whole and renamed into place: a crash leaves either no conversation or all of it.
        const content = valid.map((record) => serializeRecord(record, versioning.current)).join('')
        stamp = await writeAtomically(paths.conversation(id), content)
      } catch (error) {
        return writeFailure(error)
      }
      const state = stateFromHeader(header)
      applyRecords(state, valid)
      bodies.set(id, state)
      return changed(state, stamp)
    })
  }

  /**
   * The file's bytes, read inside its queue where every write to it happens: never a file half-appended. Not its
   * cached body, which would have to be copied on this thread to reach a worker.
   */
  function readWhole(id: string): Promise<Uint8Array> {
    requireKnown(id)
    return queue.run(id, async () => {
      requireKnown(id)
      try {
        return await readBytes(paths.conversation(id))
      } catch (error) {
        return readFailure(error)
      }
    })
  }

  function exportedFile(id: string, format: ExportFormat): { filename: string; mimeType: string } {
    const { extension, mimeType } = EXPORT_TYPES[format]
    return { filename: exportFilename(requireKnown(id).summary.title, extension), mimeType }
  }

  async function get(id: string): Promise<ReadonlyConversation> {
    requireKnown(id)
    const conversation = await queue.run(id, async () => (await bodyOf(id)).conversation)
    return presentConversation(conversation)
  }

  return {
    list: () => index.list(),
    summary: (id) => index.get(id)?.summary,
    search: (query) => search.search(query, index.list()),
    get,

    window(id, { before, limit }) {
      requireKnown(id)
      return queue.run(id, async () => {
        if (before === undefined && !bodies.get(id)) {
          const saved = await windows.read(id, requireKnown(id).stamp, limit)
          if (saved) {
            // The whole body follows at once, so what comes next (a page, a message) does not wait for it.
            void queue.run(id, () => bodyOf(id)).catch((error) => log(`Could not load ${id}: ${describeError(error)}`))
            return saved
          }
        }
        const state = await bodyOf(id)
        const end =
          before === undefined
            ? state.conversation.messages.length
            : (state.positions.get(before) ?? fail('not-found', 'That message is no longer in this conversation.'))
        return windowEndingAt(state, end, limit)
      })
    },

    create(init) {
      return writeNew([
        {
          type: 'header',
          id: randomUUID(),
          title: init.title ?? DEFAULT_TITLE,
          model: init.model,
          effort: init.effort,
          workspace: init.workspace,
          created: Date.now(),
        },
      ])
    },

    rename: (id, title) => mutate(id, () => [{ type: 'title', at: Date.now(), title }]),

    setModelTitle: (id, title) =>
      mutate(id, (state) =>
        hasAutomaticTitle(state.conversation) && state.conversation.title !== title
          ? [{ type: 'title', at: Date.now(), title }]
          : [],
      ),

    setPinned: (id, pinned) =>
      mutate(id, (state) => (state.conversation.pinned === pinned ? [] : [{ type: 'pin', at: Date.now(), pinned }])),

    setModel: (id, model, effort, options) =>
      mutate(id, (state) =>
        options?.replacing === undefined && state.conversation.model === model && state.conversation.effort === effort
          ? []
          : [
              {
                type: 'model',
                at: Date.now(),
                model,
                effort,
                ...(options?.replacing !== undefined ? { replacing: options.replacing } : {}),
              },
            ],
      ),

    setWorkspace: (id, workspace) =>
      mutate(id, (state) =>
        state.conversation.workspace === workspace ? [] : [{ type: 'workspace', at: Date.now(), workspace }],
      ),

    setToolPolicy: (id, policy) => mutate(id, () => [{ type: 'tool-policy', at: Date.now(), policy }]),

    async delete(id) {
      requireKnown(id)
      await queue.run(id, async () => {
        if (!index.get(id)) return
        const file = paths.conversation(id)
        try {
          await Promise.all(
            [file, `${file}.bak`, `${file}.corrupt`, paths.window(id)].map((path) => rm(path, { force: true })),
          )
        } catch (error) {
          return writeFailure(error)
        }
        bodies.delete(id)
        index.remove(id)
        search.remove(id)
        emit({ removedId: id })
      })
    },

    appendUserMessage(conversationId, message) {
      // Written before the request leaves, so an app crash cannot lose it; the fsync runs while the request does.
      return mutate(
        conversationId,
        (state) => {
          const records: ConversationRecord[] = [{ type: 'message', at: Date.now(), message }]
          const { title, messages } = state.conversation
          if (title === DEFAULT_TITLE && !messages.some((existing) => existing.role === 'user')) {
            const derived = titleFromMessage(messageText(message))
            if (derived) records.push({ type: 'title', at: Date.now(), title: derived })
          }
          return records
        },
        'start',
      )
    },

    async recordAssistantMessage(conversationId, message: ChatMessage, { flush }) {
      await mutate(conversationId, () => [{ type: 'message', at: Date.now(), message }], flush ? 'wait' : 'none')
    },

    compact(conversationId) {
      requireKnown(conversationId)
      return queue.run(conversationId, async () => {
        const state = await bodyOf(conversationId)
        const known = requireKnown(conversationId)
        const content = compactText(state, versioning)
        if (content === null || known.stamp.size <= Buffer.byteLength(content) * COMPACT_WHEN_LARGER_BY) return
        let stamp: FileStamp
        try {
          stamp = await writeAtomically(paths.conversation(conversationId), content, true)
        } catch (error) {
          return writeFailure(error)
        }
        index.set({ summary: summarize(state.conversation), stamp })
        search.update(state.conversation, stamp)
      })
    },

    truncateFrom(conversationId, messageId) {
      return mutate(conversationId, (state) => {
        if (!state.positions.has(messageId)) fail('not-found', 'That message is not in this conversation.')
        return [{ type: 'truncate', at: Date.now(), messageId }]
      })
    },

    async recordCompaction(conversationId, compaction) {
      await mutate(conversationId, (state) => {
        if (!state.positions.has(compaction.throughMessageId)) {
          fail('not-found', 'The summarised messages are not in this conversation.')
        }
        return [{ type: 'compaction', at: Date.now(), compaction }]
      })
    },

    async export(id, format, onProgress = () => {}) {
      const { filename, mimeType } = exportedFile(id, format)
      const { content } = await renderExportInWorker(
        { file: await readWhole(id), format, destination: null },
        onProgress,
      )
      return { filename, mimeType, content: content ?? fail('internal', 'The export came back without its content.') }
    },

    async exportToFile(id, format, chooseDestination, onProgress = () => {}) {
      const { filename, mimeType } = exportedFile(id, format)
      const destination = await chooseDestination(filename)
      if (destination === null) return null
      await renderExportInWorker({ file: await readWhole(id), format, destination }, onProgress)
      return { filename, mimeType, savedTo: destination }
    },

    async import(content, onProgress = () => {}) {
      const prepare = options.prepareImport ?? prepareImportInWorker
      const { id, text, summary } = await prepare(content, {
        recordVersion: versioning.current,
        now: Date.now(),
        onProgress,
      })
      if (closed) fail('storage', 'Conversation storage is closed.')
      return queue.run(id, async () => {
        let stamp: FileStamp
        try {
          stamp = await writeAtomically(paths.conversation(id), text)
        } catch (error) {
          return writeFailure(error)
        }
        // Its body is not cached: it loads from the file when opened, like any conversation after a restart; the
        // search index reads it in its own time.
        const announced = announce(summary, stamp)
        search.refresh(id)
        return announced
      })
    },

    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    async close() {
      if (closed) return
      closed = true
      // After the writes in flight, so the search index saved on closing has them too.
      await queue.idle()
      await Promise.all([index.flush(), search.close(), saveOpenWindows()])
      await lock.release()
    },
  }
}
