import { fail } from '../../shared/errors'
import type { Handlers } from '../ipc/dispatcher'
import type { ConversationStore } from '../ports'
import type { ConversationChannels, StorageDeps } from './index'

export function createConversationHandlers(
  store: ConversationStore,
  deps: StorageDeps,
): Pick<Handlers, ConversationChannels> {
  return {
    'conversations:list': () => store.list(),
    'conversations:search': ({ query }) => store.search(query),
    'conversations:get': ({ id }) => store.get(id),
    'conversations:create': async (input) => store.create({ ...(await deps.modelFor(input ?? {})), workspace: null }),
    'conversations:rename': ({ id, title }) => store.rename(id, title),
    'conversations:pin': ({ id, pinned }) => store.setPinned(id, pinned),
    'conversations:delete': ({ id }) => store.delete(id),
    'conversations:set-model': ({ id, model, effort }) => store.setModel(id, model, effort),
    'conversations:export': async ({ id, format }) => {
      const { filename, content, mimeType } = await store.export(id, format)
      if (!deps.saveFile) return { filename, content, mimeType }
      const savedTo = await deps.saveFile(filename, content)
      if (savedTo === null) return fail('cancelled', 'The export was not saved.')
      return { filename, savedTo, mimeType }
    },
    'conversations:import': ({ content }) => store.import(content),
  }
}
