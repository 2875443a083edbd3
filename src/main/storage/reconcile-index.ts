import { readdir, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { mapWithLimit } from './concurrency'
import { type ConversationIndex, createConversationIndex, type IndexEntry, readIndexFile } from './conversation-index'
import { TEMP_SUFFIX } from './durable-files'
import { FILE_EXTENSION, isConversationId, type StoragePaths } from './paths'
import { describeError } from './storage-errors'

const IO_CONCURRENCY = 32

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
  let changed = ids.length !== saved.size
  await mapWithLimit(ids, IO_CONCURRENCY, async (id) => {
    const known = saved.get(id)
    if (known) {
      const { size, mtimeMs } = await stat(join(dir, `${id}${FILE_EXTENSION}`))
      if (size === known.stamp.size && mtimeMs === known.stamp.mtimeMs) {
        entries.set(id, known)
        return
      }
    }
    changed = true
    const reloaded = await load(id)
    if (reloaded) entries.set(id, reloaded)
  })
  return { entries, changed }
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
