/** The sidebar's index of conversations (summaries only; bodies load when opened), the active id and search. */
import { create } from 'zustand'
import { FIRST_SIDEBAR_ENTRIES } from '../../../shared/contract/conversations'
import { bySidebarOrder } from '../../../shared/conversation-order'
import type {
  ConversationSummary,
  ExportFormat,
  ExportResult,
  SearchHit,
  SidebarEntry,
  TransferProgress,
} from '../../../shared/domain'
import type { ModelChoice } from '../../../shared/model-policy'
import { call } from '../api'
import { reportError } from './notices-store'

interface ConversationsState {
  summaries: SidebarEntry[]
  activeId: string | null
  searchQuery: string
  /** null when no search is running. */
  searchHits: SearchHit[] | null
  load(): Promise<void>
  /** Without a choice, main gives the conversation the default model. */
  create(choice?: ModelChoice): Promise<ConversationSummary | null>
  setActive(id: string | null): void
  rename(id: string, title: string): Promise<void>
  setPinned(id: string, pinned: boolean): Promise<void>
  remove(id: string): Promise<boolean>
  search(query: string): Promise<void>
  /** Ends a search (a hit was opened): the list comes back and the search box empties. */
  clearSearch(): void
  /** Bumped by `clearSearch`, so the search box starts afresh. */
  searchEpoch: number
  importContent(content: string): Promise<ConversationSummary | null>
  /** While this window's import runs: messages checked of all of them (0 of 0 until main has read the file). */
  importProgress: TransferProgress | null
  receiveImportProgress(progress: TransferProgress): void
  exportConversation(id: string, format: ExportFormat): Promise<ExportResult>
  /**
   * While this window exports a conversation: which, and how far main has got once that is worth showing (null until
   * then: a short export finishes before a bar could be read).
   */
  exporting: { id: string; progress: TransferProgress | null } | null
  receiveExportProgress(progress: TransferProgress & { id: string }): void
  upsert(summary: ConversationSummary): void
  removeLocally(id: string): void
}

/** Pinned first, then newest activity first. */
export function sortConversations(summaries: readonly SidebarEntry[]): SidebarEntry[] {
  return summaries.toSorted(bySidebarOrder)
}

export const useConversationsStore = create<ConversationsState>()((set, get) => ({
  summaries: [],
  activeId: null,
  searchQuery: '',
  searchHits: null,
  searchEpoch: 0,
  clearSearch: () => set((state) => ({ searchQuery: '', searchHits: null, searchEpoch: state.searchEpoch + 1 })),
  async load() {
    try {
      // The first screenful at once; a long list's rest follows, replacing it whole, so no change main announced
      // in between is lost (main's answers and events reach the page in the order main sent them).
      const first = await call('conversations:list', { limit: FIRST_SIDEBAR_ENTRIES })
      set({ summaries: first.entries })
      if (first.total > first.entries.length) set({ summaries: (await call('conversations:list')).entries })
    } catch (error) {
      reportError(error)
    }
  },
  async create(choice) {
    try {
      const summary = await call('conversations:create', choice)
      get().upsert(summary)
      return summary
    } catch (error) {
      reportError(error)
      return null
    }
  },
  setActive: (activeId) => set({ activeId }),
  async rename(id, title) {
    try {
      get().upsert(await call('conversations:rename', { id, title }))
    } catch (error) {
      reportError(error)
    }
  },
  async setPinned(id, pinned) {
    try {
      get().upsert(await call('conversations:pin', { id, pinned }))
    } catch (error) {
      reportError(error)
    }
  },
  async remove(id) {
    try {
      await call('conversations:delete', { id })
      get().removeLocally(id)
      return true
    } catch (error) {
      reportError(error)
      return false
    }
  },
  async search(query) {
    set({ searchQuery: query })
    if (query.trim() === '') {
      set({ searchHits: null })
      return
    }
    try {
      const hits = await call('conversations:search', { query })
      // A slower answer to an older query must not replace the newer one.
      if (get().searchQuery === query) set({ searchHits: hits })
    } catch (error) {
      reportError(error)
    }
  },
  async importContent(content) {
    set({ importProgress: { done: 0, total: 0 } })
    try {
      const summary = await call('conversations:import', { content })
      get().upsert(summary)
      return summary
    } finally {
      set({ importProgress: null })
    }
  },
  importProgress: null,
  receiveImportProgress(progress) {
    // Progress of an import started in another window is not this window's to show.
    if (get().importProgress) set({ importProgress: progress })
  },
  async exportConversation(id, format) {
    set({ exporting: { id, progress: null } })
    try {
      return await call('conversations:export', { id, format })
    } finally {
      set({ exporting: null })
    }
  },
  exporting: null,
  receiveExportProgress({ id, done, total }) {
    const exporting = get().exporting
    // Another window's export is not this one's to show; an export's only report, at its end, is not worth a bar.
    if (exporting?.id !== id || (exporting.progress === null && done >= total)) return
    set({ exporting: { id, progress: { done, total } } })
  },
  upsert(summary) {
    set((state) => {
      const index = state.summaries.findIndex((existing) => existing.id === summary.id)
      const summaries = index >= 0 ? state.summaries.with(index, summary) : [...state.summaries, summary]
      return { summaries }
    })
  },
  removeLocally(id) {
    set((state) => ({
      summaries: state.summaries.filter((summary) => summary.id !== id),
      activeId: state.activeId === id ? null : state.activeId,
      searchHits: state.searchHits?.filter((hit) => hit.conversation.id !== id) ?? null,
    }))
  },
}))
