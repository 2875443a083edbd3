import type { ConversationStore, NewConversation } from '../../../../src/main/ports'
import type { ChatMessage, Conversation } from '../../../../src/shared/domain'
import { fail } from '../../../../src/shared/errors'

/** An in-memory ConversationStore with just what the chat runner uses. */
export function createMemoryStore(): ConversationStore & { conversations: Map<string, Conversation> } {
  const conversations = new Map<string, Conversation>()
  let next = 0
  const find = (id: string) => conversations.get(id) ?? fail('not-found', `No conversation ${id}.`)
  const summary = ({ messages: _messages, workspace: _workspace, ...rest }: Conversation) => rest
  const notUsed = () => fail('not-implemented', 'Not used by the chat runner.')
  return {
    conversations,
    list: () => [...conversations.values()].map(summary),
    search: notUsed,
    get: async (id) => structuredClone(find(id)),
    async create(init: NewConversation) {
      const id = `conv-${++next}`
      const conversation: Conversation = {
        id,
        title: init.title ?? 'New chat',
        createdAt: Date.now(),
        updatedAt: Date.now(),
        pinned: false,
        model: init.model,
        effort: init.effort,
        messageCount: 0,
        preview: '',
        workspace: init.workspace,
        messages: [],
      }
      conversations.set(id, conversation)
      return summary(conversation)
    },
    rename: notUsed,
    setPinned: notUsed,
    setModel: notUsed,
    delete: notUsed,
    async appendUserMessage(id, message) {
      const conversation = find(id)
      conversation.messages.push(structuredClone(message))
      return summary(conversation)
    },
    async recordAssistantMessage(id, message: ChatMessage) {
      const conversation = find(id)
      const index = conversation.messages.findIndex((existing) => existing.id === message.id)
      if (index >= 0) conversation.messages[index] = structuredClone(message)
      else conversation.messages.push(structuredClone(message))
    },
    async truncateFrom(id, messageId) {
      const conversation = find(id)
      const index = conversation.messages.findIndex((message) => message.id === messageId)
      if (index >= 0) conversation.messages.splice(index)
      return summary(conversation)
    },
    export: notUsed,
    import: notUsed,
    onChange: () => () => {},
    close: async () => {},
  }
}
