/** Conversation storage: a repository of conversation files, with no IPC handlers and no platform concerns. */
export { openConversationStore, type StoreOptions } from './store'
