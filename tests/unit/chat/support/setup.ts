import type { ToolRegistry } from '../../../../src/main/tools'
import type { Settings } from '../../../../src/shared/domain'
import { createChatHarness } from './harness'
import { createMemoryStore } from './memory-store'
import { createScriptedClient } from './scripted-client'

/** A chat capability with one fresh conversation. */
export async function setupChat(options: { tools?: ToolRegistry; settings?: Partial<Settings> } = {}) {
  const store = createMemoryStore()
  const backend = createScriptedClient()
  const harness = createChatHarness({ client: backend.client, store, ...options })
  const { id } = await store.create({ model: 'gpt-5.4', effort: 'medium', workspace: null })
  /** Sends a message and resolves with the finished answer. */
  async function ask(text: string) {
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text })
    return finished
  }
  return { store, backend, harness, id, ask }
}
