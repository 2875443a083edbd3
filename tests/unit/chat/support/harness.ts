import { type Chat, type ChatChannels, createChat } from '../../../../src/main/chat'
import type { EventSink } from '../../../../src/main/ipc/event-hub'
import type { Platform } from '../../../../src/main/platform/types'
import type { ConversationStore, TokenProvider } from '../../../../src/main/ports'
import { createSettingsService } from '../../../../src/main/settings/settings-service'
import type { ToolRegistry } from '../../../../src/main/tools'
import type { ChatEvent, ChatMessage, Settings, UsageLimits } from '../../../../src/shared/domain'
import type { RequestOutput, ValidInput } from '../../../../src/shared/ipc-contract'

export interface HarnessOptions {
  baseUrl: string
  tokens: TokenProvider
  store: ConversationStore
  tools?: ToolRegistry
  settings?: Partial<Settings>
}

function memoryConfig() {
  const values = new Map<string, unknown>()
  return {
    get: (key: string) => values.get(key),
    set: (key: string, value: unknown) => void values.set(key, value),
    delete: (key: string) => void values.delete(key),
  }
}

/** The chat capability wired as services.ts wires it (real Codex client), with the events it pushes collected. */
export function createChatHarness(options: HarnessOptions) {
  const chatEvents: ChatEvent[] = []
  const usageEvents: UsageLimits[] = []
  const waiters = new Set<() => void>()
  const events: EventSink = {
    emit(event, payload) {
      if (event === 'chat:event') chatEvents.push(payload as ChatEvent)
      if (event === 'usage:changed') usageEvents.push(payload as UsageLimits)
      for (const wake of waiters) wake()
    },
  }
  const settings = createSettingsService(memoryConfig())
  if (options.settings) settings.update(options.settings)
  const platform: Platform = {
    shell: 'web',
    appVersion: '0.0.0-test',
    dataDir: '/nonexistent',
    secretBox: { isAvailable: () => false, encrypt: () => Buffer.alloc(0), decrypt: () => '' },
    config: memoryConfig(),
    desktop: { openExternal: async () => {}, openPath: async () => {} },
  }
  const chat: Chat = createChat({
    platform,
    env: { baseUrl: options.baseUrl, issuer: 'http://127.0.0.1:9', oauthPort: 1455, originator: 'codex_desk' },
    events,
    settings,
    store: options.store,
    tokens: options.tokens,
    tools: options.tools,
  })

  function call<C extends ChatChannels>(channel: C, input: ValidInput<C>): Promise<RequestOutput<C>> {
    const handler = chat.handlers[channel] as (input: ValidInput<C>) => Promise<RequestOutput<C>> | RequestOutput<C>
    return Promise.resolve().then(() => handler(input))
  }

  /** Resolves with the first chat event (from `since` on) that matches. */
  function waitForEvent<T extends ChatEvent>(match: (event: ChatEvent) => event is T, since = 0): Promise<T> {
    return new Promise((resolve) => {
      const check = () => {
        const found = chatEvents.slice(since).find(match)
        if (!found) return
        waiters.delete(check)
        resolve(found)
      }
      waiters.add(check)
      check()
    })
  }

  /** The message of the next `turn-finished` in the conversation, counting from now. */
  function nextFinished(conversationId: string): Promise<ChatMessage> {
    const since = chatEvents.length
    return waitForEvent(
      (event): event is Extract<ChatEvent, { type: 'turn-finished' }> =>
        event.type === 'turn-finished' && event.conversationId === conversationId,
      since,
    ).then((event) => event.message)
  }

  return { chat, call, settings, chatEvents, usageEvents, waitForEvent, nextFinished }
}
