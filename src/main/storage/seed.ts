import type { Conversation } from '../../shared/domain'
import { fail } from '../../shared/errors'
import { recordsOf } from './conversation-records'
import { ensurePrivateDirectory, writeAtomically } from './durable-files'
import { acquireLock } from './file-lock'
import { RECORD_VERSIONING } from './migrations'
import { isConversationId, storagePaths } from './paths'
import { serializeRecord, validForWriting } from './records'
import { openConversationStore } from './store'

/**
 * Prepares a data folder before the app starts (tests, e2e, benchmarks): writes the conversations as files the
 * store writes them, keeping their ids and dates, under the store's lock and without fsync (no user data is at
 * stake), then opens the store once so its index and search index take them in.
 */
export async function seedConversations(dataDir: string, conversations: Conversation[]): Promise<void> {
  const paths = storagePaths(dataDir)
  await ensurePrivateDirectory(paths.dir)
  const lock = await acquireLock(paths.lock, 'Your conversations')
  try {
    for (const conversation of conversations) {
      if (!isConversationId(conversation.id)) fail('invalid-request', `"${conversation.id}" is not a conversation id.`)
      const content = recordsOf(conversation, conversation.updatedAt)
        .map((record) => serializeRecord(validForWriting(record), RECORD_VERSIONING.current))
        .join('')
      await writeAtomically(paths.conversation(conversation.id), content, false)
    }
  } finally {
    await lock.release()
  }
  const store = await openConversationStore({ dataDir })
  // A search answers once the search index has taken them in, so closing saves it with them.
  await store.search('')
  await store.close()
}
