import type { ModelChoice } from '../../shared/model-policy'
import type { Capability } from '../capability'
import type { ConversationStore } from '../ports'
import { createConversationHandlers } from './handlers'
import { openConversationStore } from './store'

export type ConversationChannels =
  | 'conversations:list'
  | 'conversations:search'
  | 'conversations:get'
  | 'conversations:create'
  | 'conversations:rename'
  | 'conversations:pin'
  | 'conversations:delete'
  | 'conversations:export'
  | 'conversations:import'
  | 'conversations:set-model'

export interface StorageDeps {
  dataDir: string
  /** The model and effort a new conversation gets, given what (if anything) was asked for. */
  modelFor(requested: Partial<ModelChoice>): ModelChoice | Promise<ModelChoice>
  /** Saves an export through the OS (Electron); absent in the harness. */
  saveFile?(suggestedName: string, content: string): Promise<string | null>
  log?(message: string): void
}

export interface Storage extends Capability<ConversationChannels> {
  store: ConversationStore
}

/** Opens the conversation store under `deps.dataDir` and the `conversations:*` handlers that serve it. */
export async function openStorage(deps: StorageDeps): Promise<Storage> {
  const store = await openConversationStore({ dataDir: deps.dataDir, log: deps.log })
  return {
    store,
    handlers: createConversationHandlers(store, deps),
    dispose: () => store.close(),
  }
}
