import { fail } from '../../shared/errors'
import type { Capability } from '../capability'
import type { ConversationStore } from '../ports'

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
  /** Model and effort for a conversation created without them. */
  defaultModel(): { model: string; effort: import('../../shared/domain').ReasoningEffort | null }
  /** Saves an export through the OS (Electron); absent in the harness. */
  saveFile?(suggestedName: string, content: string): Promise<string | null>
  log?(message: string): void
}

export interface Storage extends Capability<ConversationChannels> {
  store: ConversationStore
}

export async function openStorage(_deps: StorageDeps): Promise<Storage> {
  return fail('not-implemented', 'Conversation storage is not implemented yet.')
}
