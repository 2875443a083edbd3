import { join } from 'node:path'

export const FILE_EXTENSION = '.jsonl'

/** Ids become file names, so only plain characters are allowed: no path can escape the conversations folder. */
export function isConversationId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/.test(id)
}

export interface StoragePaths {
  dir: string
  index: string
  searchIndex: string
  lock: string
  conversation(id: string): string
  /** The conversation's newest messages as of the last close (window-cache.ts). */
  window(id: string): string
}

export function storagePaths(dataDir: string): StoragePaths {
  const dir = join(dataDir, 'conversations')
  return {
    dir,
    index: join(dir, 'index.json'),
    searchIndex: join(dir, 'search-index.json'),
    lock: join(dir, '.lock'),
    conversation: (id) => join(dir, `${id}${FILE_EXTENSION}`),
    window: (id) => join(dir, `${id}.window.json`),
  }
}
