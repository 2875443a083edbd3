import type { AccountState } from '../shared/domain'
import { newConversationChoice } from '../shared/model-policy'
import { createAuth } from './auth'
import type { Chat } from './chat'
import { createChat } from './chat'
import type { ServiceEnv } from './config'
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatcher'
import { EventHub } from './ipc/event-hub'
import type { Platform } from './platform/types'
import { createSettingsService } from './settings/settings-service'
import { openStorage } from './storage'
import { validWorkspaceFolder } from './tools/workspace-folder'

export interface AppServices {
  dispatch: Dispatch
  events: EventHub
  dispose(): Promise<void>
}

/**
 * The composition root shared by the Electron shell and the web harness: the same services, whatever carries
 * the contract to the renderer.
 */
export async function createAppServices(platform: Platform, env: ServiceEnv, log = console.warn): Promise<AppServices> {
  const events = new EventHub()
  const settings = createSettingsService(platform.config)
  settings.onChange((value) => events.emit('settings:changed', value))

  let chat: Chat | undefined
  const storage = await openStorage({
    dataDir: platform.dataDir,
    // Storage is opened before chat exists (chat needs the store); nothing asks for a model until then.
    modelFor: (requested) => chat?.modelFor(requested) ?? newConversationChoice([], requested),
    saveFile: platform.desktop.saveFile,
    log,
  })
  storage.store.onChange((change) => events.emit('conversations:changed', change))

  const auth = createAuth({ platform, env, events, settings, log })
  const accounts = {
    current: () => auth.account(),
    onChange: (listener: (account: AccountState) => void) =>
      events.subscribe((event, payload) => {
        if (event === 'account:changed') listener(payload as AccountState)
      }),
  }
  const liveChat = createChat({
    platform,
    env,
    events,
    settings,
    store: storage.store,
    tokens: auth.tokens,
    accounts,
    log,
  })
  chat = liveChat
  await liveChat.start()

  const handlers: Handlers = {
    'app:info': () => ({
      version: platform.appVersion,
      platform: process.platform,
      shell: platform.shell,
      dataDir: platform.dataDir,
    }),
    'app:open-data-folder': () => platform.desktop.openPath(platform.dataDir),
    'app:open-external': ({ url }) => platform.desktop.openExternal(url),
    'settings:get': () => settings.get(),
    'settings:update': async (patch) =>
      settings.update(patch.workspace ? { ...patch, workspace: await validWorkspaceFolder(patch.workspace) } : patch),
    ...storage.handlers,
    'conversations:get': async (input) => {
      const conversation = await storage.handlers['conversations:get'](input)
      return liveChat.withLiveMessage(conversation)
    },
    ...auth.handlers,
    ...liveChat.handlers,
  }

  return {
    dispatch: createDispatcher(handlers),
    events,
    async dispose() {
      await liveChat.dispose()
      await auth.dispose()
      await storage.dispose()
    },
  }
}
