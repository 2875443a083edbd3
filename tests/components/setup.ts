import { loadMarkdown } from '@renderer/markdown/markdown-loader'
import { useAccountStore } from '@renderer/stores/account-store'
import { useChatStore } from '@renderer/stores/chat-store'
import { useConversationsStore } from '@renderer/stores/conversations-store'
import { useDraftsStore } from '@renderer/stores/drafts-store'
import { useFindStore } from '@renderer/stores/find-store'
import { useModelsStore } from '@renderer/stores/models-store'
import { useNoticesStore } from '@renderer/stores/notices-store'
import { useSettingsStore } from '@renderer/stores/settings-store'
import { useUiStore } from '@renderer/stores/ui-store'
import { useUsageStore } from '@renderer/stores/usage-store'
import { cleanup } from '@testing-library/react'
import { afterEach, beforeAll } from 'vitest'
import type { StoreApi } from 'zustand'
import { disconnectApp } from './support/render-app'

// happy-dom does no layout, so every element measures 0 × 0. The message list is virtualised: give scroll
// containers a viewport so it mounts rows (which measure 0 px, so all of them fit).
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 })
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 })

// As the page does right after its first paint, so answers render as markdown from their first render.
beforeAll(() => loadMarkdown())

function resetStore<State>(store: StoreApi<State>): void {
  store.setState(store.getInitialState(), true)
}

afterEach(() => {
  cleanup()
  disconnectApp()
  resetStore(useAccountStore)
  resetStore(useChatStore)
  resetStore(useConversationsStore)
  resetStore(useDraftsStore)
  resetStore(useFindStore)
  resetStore(useModelsStore)
  resetStore(useNoticesStore)
  resetStore(useSettingsStore)
  resetStore(useUiStore)
  resetStore(useUsageStore)
})
