import { fail } from '../../shared/errors'
import type { Capability } from '../capability'
import type { ServiceEnv } from '../config'
import type { EventSink } from '../ipc/event-hub'
import type { Platform } from '../platform/types'
import type { ConversationStore, SettingsService, TokenProvider } from '../ports'

export type ChatChannels =
  | 'chat:send'
  | 'chat:stop'
  | 'chat:regenerate'
  | 'chat:retry'
  | 'chat:edit'
  | 'tools:decide'
  | 'models:list'
  | 'usage:get'

export interface ChatDeps {
  platform: Platform
  env: ServiceEnv
  events: EventSink
  settings: SettingsService
  store: ConversationStore
  tokens: TokenProvider
  log?(message: string): void
}

export interface Chat extends Capability<ChatChannels> {
  /** The model and effort a new conversation gets: last used, else the backend's first listed model. */
  defaultModel(): { model: string; effort: import('../../shared/domain').ReasoningEffort | null }
}

export function createChat(_deps: ChatDeps): Chat {
  const notYet = () => fail('not-implemented', 'Chat is not implemented yet.')
  return {
    defaultModel: () => ({ model: 'gpt-5.4', effort: 'medium' }),
    handlers: {
      'chat:send': notYet,
      'chat:stop': notYet,
      'chat:regenerate': notYet,
      'chat:retry': notYet,
      'chat:edit': notYet,
      'tools:decide': notYet,
      'models:list': notYet,
      'usage:get': () => null,
    },
    dispose: async () => {},
  }
}
