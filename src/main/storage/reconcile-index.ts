import { statSync } from 'node:fs'
import { readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { mapWithLimit } from './concurrency'
import { type ConversationIndex, createConversationIndex, type IndexEntry, readIndexFile } from './conversation-index'
import { TEMP_SUFFIX } from './durable-files'
import { FILE_EXTENSION, isConversationId, type StoragePaths } from './paths'
import { describeError } from './storage-errors'

const IO_CONCURRENCY = 32
/**
 * Unchanged files are stat'ed synchronously, this many between yields to the event loop: 10,000 stats took 70–90 ms
 * that way against 130–350 ms as promises through the thread pool, and no slice holds the process for long.
 */
const STATS_PER_SLICE = 500

/**
 * Brings a saved index in line with the conversation files: entries whose file changed since (or that have no entry
 * yet) are re-read through `load`, entries whose file is gone are dropped, leftovers of interrupted atomic writes
 * are removed. Unchanged files are only stat'ed, so a start with 10,000 conversations reads no bodies.
 */
async function reconcileIndex(
  dir: string,
  saved: ReadonlyMap<string, IndexEntry>,
  load: (id: string) => Promise<IndexEntry | undefined>,
): Promise<{ entries: Map<string, IndexEntry>; changed: boolean }> {
  const names = await readdir(dir)
  await Promise.all(
    names.filter((name) => name.endsWith(TEMP_SUFFIX)).map((name) => unlink(join(dir, name)).catch(() => undefined)),
  )
  const ids = names
    .filter((name) => name.endsWith(FILE_EXTENSION))
    .map((name) => name.slice(0, -FILE_EXTENSION.length))
    .filter(isConversationId)

  const entries = new Map<string, IndexEntry>()
  const stale: string[] = []
  for (let from = 0; from < ids.length; from += STATS_PER_SLICE) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve))
    for (const id of ids.slice(from, from + STATS_PER_SLICE)) {
      const known = saved.get(id)
      const now = known && statSync(join(dir, `${id}${FILE_EXTENSION}`), { throwIfNoEntry: false })
      if (known && now && now.size === known.stamp.size && now.mtimeMs === known.stamp.mtimeMs) entries.set(id, known)
      else stale.push(id)
    }
  }
  await mapWithLimit(stale, IO_CONCURRENCY, async (id) => {
    const reloaded = await load(id)
    if (reloaded) entries.set(id, reloaded)
  })
  return { entries, changed: ids.length !== saved.size || stale.length > 0 }
}

/** The index as saved, brought up to date with the files (and saved again if that changed anything). */
export async function openConversationIndex(
  paths: StoragePaths,
  options: { saveDelayMs: number; log: (message: string) => void },
  summarizeFile: (id: string) => Promise<IndexEntry>,
): Promise<ConversationIndex> {
  const saved = await readIndexFile(paths.index, options.log)
  const { entries, changed } = await reconcileIndex(paths.dir, saved, async (id) => {
    try {
      return await summarizeFile(id)
    } catch (error) {
      // Left out of the list, not deleted: a damaged file stays where the user can rescue it.
      options.log(`Skipped conversation ${id}: ${describeError(error)}`)
      return undefined
    }
  })
  const index = createConversationIndex(paths.index, entries, { ...options, unsaved: changed })
  await index.flush()
  return index
}
