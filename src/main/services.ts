import type { AccountState } from '../shared/domain'
import { fail } from '../shared/errors'
import type { CodexApi } from '../shared/ipc-contract'
import { createAuth } from './auth'
import { clientIdentity } from './client-identity'
import { type CodexClientDeps, createCodexClient } from './codex/client'
import type { ServiceEnv } from './config'
import { createConversationService } from './conversations'
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatcher'
import { EventHub } from './ipc/event-hub'
import { createInProcessApi } from './ipc/in-process-api'
import { createModelCache } from './models/model-cache'
import { createModelList } from './models/model-list'
import type { Platform } from './platform/types'
import { createSettingsService } from './settings/settings-service'
import { openConversationStore } from './storage'
import { createToolRegistry } from './tools'
import { validWorkspaceFolder } from './tools/workspace-folder'
import { createUsageMeter } from './usage-meter'

export interface AppServices {
  /** For transports: a channel name and a payload from outside, validated before any handler sees them. */
  dispatch: Dispatch
  events: EventHub
  /** The same contract, typed, in process (the demo, tests). */
  api: CodexApi
  dispose(): Promise<void>
}

/**
 * Time as the Codex client sees it (its idle deadline, the waits between attempts, jitter): the system's unless
 * given. The reliability suite steps it, so a fault's retries take no real time.
 */
export type ClientTime = Pick<CodexClientDeps, 'now' | 'sleep' | 'random'>

/**
 * The composition root shared by the Electron shell and the web harness: the same services, whatever carries
 * the contract to the renderer.
 */
export async function createAppServices(
  platform: Platform,
  env: ServiceEnv,
  log = console.warn,
  clientTime: ClientTime = {},
): Promise<AppServices> {
  const events = new EventHub()
  const settings = createSettingsService(platform.config)
  settings.onChange((value) => events.emit('settings:changed', value))

  const store = await openConversationStore({ dataDir: platform.dataDir, log })
  const auth = createAuth({ platform, env, events, settings, log })
  const client = createCodexClient({
    baseUrl: env.baseUrl,
    tokens: auth.tokens,
    identity: clientIdentity(env.originator, platform.appVersion),
    settings: () => settings.get(),
    log,
    ...clientTime,
  })
  const usage = createUsageMeter()
  usage.onChange((limits) => events.emit('usage:changed', limits))
  const models = createModelList({
    fetchList: (signal) => client.listModels({ signal }),
    cache: createModelCache(platform.dataDir, log),
    accounts: {
      current: () => auth.account(),
      onChange: (listener: (account: AccountState) => void) => events.on('account:changed', listener),
    },
    onChange: (list) => events.emit('models:changed', list),
    log,
  })
  await models.start()
  const conversations = createConversationService({
    store,
    client,
    models,
    tools: createToolRegistry(),
    events,
    settings,
    onUsageLimits: usage.update,
    chooseSaveLocation: platform.desktop.chooseSaveLocation,
    log,
  })

  const handlers: Handlers = {
    'app:info': () => ({
      version: platform.appVersion,
      platform: process.platform,
      shell: platform.shell,
      dataDir: platform.dataDir,
    }),
    'app:open-data-folder': () => platform.desktop.openPath(platform.dataDir),
    'app:open-external': ({ url }) => platform.desktop.openExternal(url),
    'app:choose-folder': () =>
      platform.desktop.chooseFolder?.() ?? fail('invalid-request', 'This window cannot open the folder dialog.'),
    'settings:get': () => settings.get(),
    'settings:update': async (patch) =>
      settings.update(patch.workspace ? { ...patch, workspace: await validWorkspaceFolder(patch.workspace) } : patch),
    'models:list': () => models.current(),
    'usage:get': () => usage.current(),
    ...auth.handlers,
    ...conversations.handlers,
  }

  const dispatch = createDispatcher(handlers)
  return {
    dispatch,
    events,
    api: createInProcessApi(dispatch, events),
    async dispose() {
      await conversations.dispose()
      models.dispose()
      await auth.dispose()
      await store.close()
    },
  }
}
