/**
 * The open conversation's messages. `chat:event`s are folded by the pure chat reducer; deltas are coalesced per
 * animation frame. Events of other conversations are ignored: main keeps streaming them, and switching back loads
 * a snapshot that includes them. Whether a conversation is busy is its summary's `busy`, published by main.
 */
import { create } from 'zustand'
import { MAX_PAGE_MESSAGES } from '../../../shared/contract/conversations'
import type { ChatEvent, SequencedChatEvent } from '../../../shared/domain'
import type { AppError } from '../../../shared/errors'
import { toAppError } from '../../../shared/errors'
import type { RequestInput } from '../../../shared/ipc-contract'
import { DEFAULT_TOOL_POLICY } from '../../../shared/tool-previews'
import { call } from '../api'
import { type ChatThread, chatReducer, emptyThread, isDeltaEvent, prependOlder } from '../chat/chat-reducer'
import { createFrameBatcher } from '../chat/frame-batcher'
import { useConversationsStore } from './conversations-store'
import { useModelsStore } from './models-store'
import { reportError } from './notices-store'
import { useToolsStore } from './tools-store'

export type ToolDecision = RequestInput<'tools:decide'>['decision']

/** Older messages are asked for this many at a time as the person scrolls up: a few screens' worth. */
export const OLDER_PAGE_MESSAGES = 100

/** Paging in the open thread's older messages. */
export interface OlderMessages {
  loading: boolean
  /** The last page failed; asking again clears it. */
  error: AppError | null
}

interface ChatState {
  thread: ChatThread | null
  loadingId: string | null
  loadError: AppError | null
  /** A send is on its way to main (before its turn starts). */
  sending: boolean
  /**
   * Bumped each time New chat is asked for, so the composer takes the focus (and an overlay sidebar closes) even
   * when the new chat was already showing.
   */
  newChatEpoch: number
  older: OlderMessages
  open(id: string): Promise<void>
  /** Brings in the page of messages before the loaded ones (one at a time; a call while one loads joins it). */
  loadOlder(): Promise<void>
  /** Brings in every older message of the open conversation: find and Home need all of them. */
  loadAll(): Promise<void>
  close(): void
  /** Shows the new chat: nothing is created in main until its first message is sent. */
  startNew(): void
  receive(event: SequencedChatEvent): void
  send(text: string): Promise<boolean>
  stop(): Promise<void>
  /** Answers the last message again: Regenerate, and Retry after an error. */
  regenerate(): Promise<void>
  /** Ends the wait before the next attempt of the running reply. */
  retryNow(): Promise<void>
  edit(messageId: string, text: string): Promise<void>
  decideTool(callId: string, decision: ToolDecision): Promise<void>
}

/** Events of the conversation being loaded: the snapshot decides which of them it already includes. */
let eventsWhileLoading: SequencedChatEvent[] = []
/** The number of the last event the open thread includes; main numbers each conversation's events in order. */
let appliedSeq = 0
const NOT_LOADING: OlderMessages = { loading: false, error: null }
/** Counts the threads shown: a page asked for one thread never joins another, even of the same conversation. */
let shown = 0
/** The requests on their way for the thread shown now, so scrolling, find and Home never ask for a page twice. */
let olderRequest: { shown: number; done: Promise<void> } | null = null
let allRequest: { shown: number; done: Promise<void> } | null = null

function showThread(state: Partial<ChatState>): void {
  shown++
  useChatStore.setState({ ...state, older: NOT_LOADING })
}

async function requestOlder(conversationId: string, before: string, limit: number): Promise<void> {
  const asked = shown
  useChatStore.setState({ older: { loading: true, error: null } })
  try {
    const page = await call('conversations:page', { id: conversationId, before, limit })
    if (asked !== shown) return
    useChatStore.setState((state) => ({
      thread: state.thread && prependOlder(state.thread, before, page),
      older: NOT_LOADING,
    }))
  } catch (error) {
    if (asked === shown) useChatStore.setState({ older: { loading: false, error: toAppError(error) } })
  }
}

function loadOlderPage(limit: number): Promise<void> {
  const thread = useChatStore.getState().thread
  const before = thread?.messages[0]?.id
  if (!thread || thread.olderCount === 0 || before === undefined) return Promise.resolve()
  if (olderRequest?.shown === shown) return olderRequest.done
  const request = {
    shown,
    done: requestOlder(thread.conversationId, before, limit).finally(() => {
      if (olderRequest === request) olderRequest = null
    }),
  }
  olderRequest = request
  return request.done
}

function olderLeft(asked: number): number {
  const { thread, older } = useChatStore.getState()
  return asked === shown && thread && !older.error ? thread.olderCount : 0
}

async function loadEveryOlderPage(): Promise<void> {
  const asked = shown
  // Stops when a page brings nothing new (it failed, or another thread is shown now).
  for (let left = olderLeft(asked); left > 0; ) {
    await loadOlderPage(MAX_PAGE_MESSAGES)
    const now = olderLeft(asked)
    if (now >= left) return
    left = now
  }
}

function applyEvents(events: ChatEvent[]): void {
  useChatStore.setState((state) => (state.thread ? { thread: events.reduce(chatReducer, state.thread) } : state))
}

const deltaBatcher = createFrameBatcher<ChatEvent>(applyEvents)

function activeConversationId(): string | null {
  return useChatStore.getState().thread?.conversationId ?? null
}

async function callForActive(action: (conversationId: string) => Promise<void>): Promise<void> {
  const conversationId = activeConversationId()
  if (!conversationId) return
  try {
    await action(conversationId)
  } catch (error) {
    reportError(error)
  }
}

/** The new chat's conversation, created with the model chosen on the start screen, becomes the open one. */
async function createFromNewChat(): Promise<string | null> {
  const summary = await useConversationsStore.getState().create(useModelsStore.getState().takeDraft())
  if (!summary) return null
  deltaBatcher.flush()
  useConversationsStore.getState().setActive(summary.id)
  useToolsStore.getState().showNew(summary.id)
  appliedSeq = 0
  showThread({ thread: emptyThread(summary.id), loadingId: null, loadError: null })
  return summary.id
}

export const useChatStore = create<ChatState>()((set, get) => ({
  thread: null,
  loadingId: null,
  loadError: null,
  sending: false,
  newChatEpoch: 0,
  older: NOT_LOADING,
  async open(id) {
    deltaBatcher.flush()
    eventsWhileLoading = []
    useConversationsStore.getState().setActive(id)
    showThread({ thread: null, loadingId: id, loadError: null })
    useToolsStore.getState().show(id, null)
    try {
      const conversation = await call('conversations:get', { id })
      if (get().loadingId !== id) return
      const { messages, compactions, notes, workspace, toolPolicy, seq, olderCount, olderContext, ...summary } =
        conversation
      useConversationsStore.getState().upsert(summary)
      useToolsStore.getState().show(id, { workspace, policy: toolPolicy ?? DEFAULT_TOOL_POLICY })
      const newer = eventsWhileLoading.filter((event) => event.seq > seq)
      eventsWhileLoading = []
      appliedSeq = newer.at(-1)?.seq ?? seq
      const opened = {
        ...emptyThread(id, messages, compactions, notes),
        olderCount,
        olderContext: olderContext ?? null,
      }
      set({ thread: newer.reduce(chatReducer, opened), loadingId: null })
    } catch (error) {
      if (get().loadingId === id) set({ loadingId: null, loadError: toAppError(error) })
    }
  },
  close() {
    deltaBatcher.flush()
    useConversationsStore.getState().setActive(null)
    useToolsStore.getState().show(null, null)
    showThread({ thread: null, loadingId: null, loadError: null })
  },
  loadOlder: () => loadOlderPage(OLDER_PAGE_MESSAGES),
  loadAll() {
    if (allRequest?.shown === shown) return allRequest.done
    const request = {
      shown,
      done: loadEveryOlderPage().finally(() => {
        if (allRequest === request) allRequest = null
      }),
    }
    allRequest = request
    return request.done
  },
  startNew() {
    get().close()
    set((state) => ({ newChatEpoch: state.newChatEpoch + 1 }))
  },
  receive(event) {
    const { thread, loadingId } = get()
    if (loadingId === event.conversationId) {
      eventsWhileLoading.push(event)
      return
    }
    if (thread?.conversationId !== event.conversationId || event.seq <= appliedSeq) return
    appliedSeq = event.seq
    if (isDeltaEvent(event)) {
      deltaBatcher.push(event)
      return
    }
    deltaBatcher.flush()
    applyEvents([event])
  },
  async send(text) {
    set({ sending: true })
    try {
      const conversationId = activeConversationId() ?? (await createFromNewChat())
      if (!conversationId) return false
      await call('chat:send', { conversationId, text })
      return true
    } catch (error) {
      reportError(error)
      return false
    } finally {
      set({ sending: false })
    }
  },
  stop: () => callForActive((conversationId) => call('chat:stop', { conversationId })),
  regenerate: () => callForActive((conversationId) => call('chat:regenerate', { conversationId })),
  retryNow: () => callForActive((conversationId) => call('chat:retry-now', { conversationId })),
  edit: (messageId, text) => callForActive((conversationId) => call('chat:edit', { conversationId, messageId, text })),
  decideTool: (callId, decision) =>
    callForActive((conversationId) => call('tools:decide', { conversationId, callId, decision })),
}))
