import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { bySidebarOrder } from '../../shared/conversation-order'
import type { ConversationSummary } from '../../shared/domain'
import { effortSchema } from '../../shared/ipc-contract'
import { type FileStamp, writeAtomically } from './durable-files'

export interface IndexEntry {
  summary: ConversationSummary
  /** The conversation file as it was when `summary` was taken from it. */
  stamp: FileStamp
}

const INDEX_FORMAT = 'codex-desk.index'

const indexFileSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(1),
  conversations: z.array(
    z.object({
      id: z.string().min(1),
      title: z.string(),
      createdAt: z.number(),
      updatedAt: z.number(),
      pinned: z.boolean(),
      model: z.string(),
      effort: effortSchema.nullable(),
      messageCount: z.number(),
      preview: z.string(),
      size: z.number(),
      mtimeMs: z.number(),
    }),
  ),
})

/** The saved index, or undefined when it is missing or unreadable (the caller rebuilds it from the files). */
export async function readIndexFile(path: string, log: (message: string) => void): Promise<Map<string, IndexEntry>> {
  const entries = new Map<string, IndexEntry>()
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`Could not read the conversation index: ${error}`)
    return entries
  }
  let parsed: z.infer<typeof indexFileSchema>
  try {
    parsed = indexFileSchema.parse(JSON.parse(text))
  } catch {
    log('The conversation index is unreadable; rebuilding it from the conversation files.')
    return entries
  }
  for (const { size, mtimeMs, ...summary } of parsed.conversations)
    entries.set(summary.id, { summary, stamp: { size, mtimeMs } })
  return entries
}

export interface ConversationIndex {
  /** Pinned first, then newest activity first. */
  list(): ConversationSummary[]
  get(id: string): IndexEntry | undefined
  set(entry: IndexEntry): void
  remove(id: string): void
  /** Writes the index now if anything changed since the last save. */
  flush(): Promise<void>
}

/**
 * Summaries of every conversation, in memory, saved to index.json a moment after a change. The index is a cache:
 * the conversation files stay the truth, and a file newer than its index entry is re-read on the next start.
 */
export function createConversationIndex(
  path: string,
  entries: Map<string, IndexEntry>,
  options: { saveDelayMs: number; log: (message: string) => void; unsaved: boolean },
): ConversationIndex {
  let sorted: ConversationSummary[] | undefined
  let dirty = options.unsaved
  let timer: NodeJS.Timeout | undefined
  let saving: Promise<void> = Promise.resolve()

  function save(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = undefined
    saving = saving.then(async () => {
      if (!dirty) return
      dirty = false
      const conversations = [...entries.values()].map(({ summary, stamp }) => ({ ...summary, ...stamp }))
      try {
        await writeAtomically(path, JSON.stringify({ format: INDEX_FORMAT, version: 1, conversations }), false)
      } catch (error) {
        dirty = true
        options.log(`Could not save the conversation index: ${error}`)
      }
    })
    return saving
  }

  function changed(): void {
    sorted = undefined
    dirty = true
    timer ??= setTimeout(save, options.saveDelayMs)
  }

  return {
    list() {
      sorted ??= [...entries.values()].map((entry) => entry.summary).sort(bySidebarOrder)
      return sorted.slice()
    },
    get: (id) => entries.get(id),
    set(entry) {
      entries.set(entry.summary.id, entry)
      changed()
    },
    remove(id) {
      if (entries.delete(id)) changed()
    },
    flush: save,
  }
}
