/** Subscribes the stores to main's events and loads what the first screen needs. */
import { onEvent } from '../api'
import { useAccountStore } from './account-store'
import { useChatStore } from './chat-store'
import { useConversationsStore } from './conversations-store'
import { useModelsStore } from './models-store'
import { useSettingsStore } from './settings-store'
import { useUsageStore } from './usage-store'

/** `onFirstScreen` runs once what the first screen needs has arrived (or failed to). */
export function connectStores(onFirstScreen: () => void = () => {}): () => void {
  const unsubscribers = [
    onEvent('account:changed', (account) => useAccountStore.getState().receive(account)),
    onEvent('settings:changed', (settings) => useSettingsStore.getState().receive(settings)),
    onEvent('usage:changed', (usage) => useUsageStore.getState().receive(usage)),
    onEvent('models:changed', (models) => useModelsStore.getState().receive(models)),
    onEvent('chat:event', (event) => useChatStore.getState().receive(event)),
    onEvent('conversations:import-progress', (progress) =>
      useConversationsStore.getState().receiveImportProgress(progress),
    ),
    onEvent('conversations:export-progress', (progress) =>
      useConversationsStore.getState().receiveExportProgress(progress),
    ),
    onEvent('conversations:changed', ({ upserted, removedId }) => {
      const conversations = useConversationsStore.getState()
      if (upserted) conversations.upsert(upserted)
      if (removedId) {
        if (useChatStore.getState().thread?.conversationId === removedId) useChatStore.getState().close()
        conversations.removeLocally(removedId)
      }
    }),
  ]
  void loadEverything().then(onFirstScreen)
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}

/** Each store's load reports its own failure, so this settles once all of them have. */
async function loadEverything(): Promise<void> {
  await Promise.all([
    // Settings (with app info) first: the account store needs to know the shell before it opens a sign-in tab.
    useSettingsStore
      .getState()
      .load()
      .then(() => useAccountStore.getState().load()),
    useConversationsStore.getState().load(),
    useModelsStore.getState().load(),
    useUsageStore.getState().load(),
  ])
}

/** After the connection to main came back: whatever main announced meanwhile was missed, so it is read again. */
export function catchUpAfterReconnect(): void {
  void loadEverything()
  const open = useChatStore.getState().thread?.conversationId
  if (open) void useChatStore.getState().open(open)
}
