import { readFile } from 'node:fs/promises'
import type { AsPlainObject } from 'minisearch'
import { z } from 'zod'
import { type FileStamp, writeAtomically } from './durable-files'

const SEARCH_FORMAT = 'codex-desk.search'
/** 2: no stored message text, stamps only. A version 1 index is rebuilt once (in the search worker, from the files). */
const SEARCH_VERSION = 2

/** What the index holds of one conversation: the file it read the text from, and the messages it indexed. */
export interface IndexedConversation {
  stamp: FileStamp
  messageIds: string[]
}

export interface SavedSearchIndex {
  conversations: Map<string, IndexedConversation>
  /** MiniSearch's own serialisation. */
  index: AsPlainObject
}

// The index itself is left to MiniSearch, which checks its shape when loading it, and the messages each conversation
// has in it are read off the index's own document ids: walking megabytes of either with zod would add a good part of
// what the first search after a start waits for.
const envelopeSchema = z.object({
  format: z.literal(SEARCH_FORMAT),
  version: z.literal(SEARCH_VERSION),
  /** `[size, mtimeMs]` of the file each conversation was indexed from. */
  conversations: z.record(z.string(), z.tuple([z.number(), z.number()])),
})
const indexSchema = z.object({
  index: z.object({
    serializationVersion: z.number(),
    documentIds: z.custom<Record<string, unknown>>((ids) => typeof ids === 'object' && ids !== null),
  }),
})

/** The saved search index's text, or undefined when there is none (or it cannot be read). */
export async function readSearchFile(path: string, log: (message: string) => void): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`Could not read the search index: ${error}`)
    return undefined
  }
}

/** The saved search index, or undefined when it is damaged: the caller rebuilds it from the files. */
export function parseSearchFile(text: string, log: (message: string) => void): SavedSearchIndex | undefined {
  try {
    const json: unknown = JSON.parse(text)
    const envelope = envelopeSchema.parse(json)
    const { index } = indexSchema.parse(json)
    const conversations = new Map<string, IndexedConversation>()
    for (const [id, [size, mtimeMs]] of Object.entries(envelope.conversations))
      conversations.set(id, { stamp: { size, mtimeMs }, messageIds: [] })
    for (const documentId of Object.values(index.documentIds)) {
      if (typeof documentId !== 'string') throw new Error('A document id is not text.')
      const colon = documentId.indexOf(':')
      if (colon >= 0) conversations.get(documentId.slice(0, colon))?.messageIds.push(documentId.slice(colon + 1))
    }
    return { conversations, index: (json as { index: AsPlainObject }).index }
  } catch {
    log('The search index is unreadable; rebuilding it from the conversation files.')
    return undefined
  }
}

/** A cache of the conversation files, so it is written without fsync: a lost write costs a re-index, not data. */
export async function writeSearchFile(path: string, saved: SavedSearchIndex): Promise<void> {
  const conversations: Record<string, [number, number]> = {}
  for (const [id, { stamp }] of saved.conversations) conversations[id] = [stamp.size, stamp.mtimeMs]
  await writeAtomically(
    path,
    JSON.stringify({ format: SEARCH_FORMAT, version: SEARCH_VERSION, conversations, index: saved.index }),
    false,
  )
}
