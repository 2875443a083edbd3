import type { Conversation } from '../../shared/domain'
import { openConversationStore } from './store'

/**
 * Prepares a data folder before the app starts (tests, e2e, benchmarks): writes the conversations through the real
 * store, keeping their ids and dates, then closes it so the app can take the lock.
 */
export async function seedConversations(dataDir: string, conversations: Conversation[]): Promise<void> {
  const store = await openConversationStore({ dataDir })
  try {
    for (const conversation of conversations) await store.insert(conversation, { flush: false })
  } finally {
    await store.close()
  }
}
