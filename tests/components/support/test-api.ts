/**
 * A `CodexApi` for component tests: it records every invoke, answers from per-channel handlers (or with
 * `unknown-channel`, like a main process without it), and lets a test push events. The code under test
 * is the real renderer; this is only the transport boundary.
 */
import { act } from '@testing-library/react'
import { bySidebarOrder } from '../../../src/shared/conversation-order'
import type { AccountState, ChatEvent, ConversationSummary, ModelSpec, Settings } from '../../../src/shared/domain'
import type { Result } from '../../../src/shared/errors'
import type {
  CodexApi,
  EventChannel,
  EventPayload,
  InvokeArgs,
  RequestChannel,
  RequestInput,
  RequestOutput,
} from '../../../src/shared/ipc-contract'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'

export type Handlers = {
  [C in RequestChannel]?: (payload: RequestInput<C>) => RequestOutput<C> | Promise<RequestOutput<C>>
}

export interface RecordedInvoke {
  channel: RequestChannel
  payload: unknown
}

type AnyHandler = (payload: unknown) => unknown
type AnyListener = (payload: unknown) => void

export class TestCodexApi implements CodexApi {
  readonly invokes: RecordedInvoke[] = []
  private readonly listeners = new Map<EventChannel, Set<AnyListener>>()

  private readonly sequence = new Map<string, number>()

  /** The summaries main would publish a turn's `busy` on (`createTestApi` keeps them). */
  constructor(
    private readonly handlers: Handlers = {},
    private readonly summaryOf: (id: string) => ConversationSummary | undefined = () => undefined,
  ) {}

  handle<C extends RequestChannel>(channel: C, handler: NonNullable<Handlers[C]>): void {
    this.handlers[channel] = handler as Handlers[C]
  }

  async invoke<C extends RequestChannel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<RequestOutput<C>>> {
    const payload = args[0]
    this.invokes.push({ channel, payload })
    const handler = this.handlers[channel] as AnyHandler | undefined
    if (!handler) return { ok: false, error: { kind: 'unknown-channel', message: `${channel} is not served here` } }
    try {
      return { ok: true, value: (await handler(payload)) as RequestOutput<C> }
    } catch (error) {
      return { ok: false, error: { kind: 'internal', message: error instanceof Error ? error.message : String(error) } }
    }
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<AnyListener>()
    set.add(listener as AnyListener)
    this.listeners.set(event, set)
    return () => set.delete(listener as AnyListener)
  }

  /** Pushes an event as main would, inside act() so React applies it. */
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    act(() => {
      for (const listener of this.listeners.get(event) ?? []) listener(payload)
    })
  }

  /**
   * Pushes a chat event as main's conversation service does: numbered in its conversation, with the conversation's
   * summary marked busy before a turn starts and not busy before it finishes.
   */
  emitChat(event: ChatEvent): void {
    const found = this.summaryOf(event.conversationId)
    if (found && event.type === 'turn-started')
      this.emit('conversations:changed', { upserted: { ...found, busy: true } })
    if (found && event.type === 'turn-finished') this.emit('conversations:changed', { upserted: found })
    const seq = (this.sequence.get(event.conversationId) ?? 0) + 1
    this.sequence.set(event.conversationId, seq)
    this.emit('chat:event', { ...event, seq })
  }

  /** The number of the last chat event pushed in a conversation, as a snapshot taken now would carry it. */
  seqOf(conversationId: string): number {
    return this.sequence.get(conversationId) ?? 0
  }

  invokesOf(channel: RequestChannel): unknown[] {
    return this.invokes.filter((invoke) => invoke.channel === channel).map((invoke) => invoke.payload)
  }
}

export function summary(overrides: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return {
    title: 'New chat',
    createdAt: 1_000,
    updatedAt: 1_000,
    pinned: false,
    model: 'gpt-test',
    effort: 'medium',
    messageCount: 0,
    preview: '',
    ...overrides,
  }
}

export const TEST_MODEL: ModelSpec = {
  id: 'gpt-test',
  displayName: 'GPT Test',
  contextWindow: 200_000,
  efforts: ['low', 'medium', 'high'],
  defaultEffort: 'medium',
  capabilities: { tools: true, images: false, reasoning: true, reasoningSummaries: true, parallelToolCalls: true },
  source: 'builtin',
}

export const SIGNED_IN: AccountState = {
  status: 'signed-in',
  email: 'ada@example.com',
  plan: 'plus',
  tokenStorage: 'encrypted',
}

export const SIGNED_OUT: AccountState = { status: 'signed-out', tokenStorage: 'encrypted' }

/**
 * A small in-memory main process: conversations can be listed, created, renamed, pinned, deleted and opened;
 * account, settings, models and app info answer with fixed values. Tests override single channels as needed.
 */
export function createTestApi(options: { conversations?: ConversationSummary[]; account?: AccountState } = {}) {
  const conversations = new Map((options.conversations ?? []).map((conversation) => [conversation.id, conversation]))
  let createdCount = 0
  let settings: Settings = { ...DEFAULT_SETTINGS }
  const clock = { now: 10_000 }

  const update = (id: string, patch: Partial<ConversationSummary>): ConversationSummary => {
    const existing = conversations.get(id)
    if (!existing) throw new Error(`no conversation ${id}`)
    const next = { ...existing, ...patch }
    conversations.set(id, next)
    return next
  }

  const api: TestCodexApi = new TestCodexApi(
    {
      'app:info': () => ({ version: '0.1.0', platform: 'linux', shell: 'electron', dataDir: '/data/codex-desk' }),
      'account:get': () => options.account ?? SIGNED_IN,
      'settings:get': () => settings,
      'settings:update': (patch) => {
        settings = { ...settings, ...patch }
        return settings
      },
      'models:list': () => [TEST_MODEL],
      'usage:get': () => null,
      'conversations:list': (request) => {
        const all = [...conversations.values()].sort(bySidebarOrder)
        return { entries: all.slice(0, request?.limit), total: all.length }
      },
      'conversations:create': () => {
        createdCount++
        clock.now++
        const created = summary({
          id: `created-${createdCount}`,
          title: `Fresh chat ${createdCount}`,
          updatedAt: clock.now,
        })
        conversations.set(created.id, created)
        return created
      },
      'conversations:get': ({ id }) => {
        const found = conversations.get(id)
        if (!found) throw new Error(`no conversation ${id}`)
        return { ...found, workspace: null, messages: [], olderCount: 0, compactions: [], seq: api.seqOf(id) }
      },
      'conversations:rename': ({ id, title }) => update(id, { title }),
      'conversations:pin': ({ id, pinned }) => update(id, { pinned }),
      'conversations:delete': ({ id }) => {
        conversations.delete(id)
      },
      'chat:send': () => undefined,
      'chat:stop': () => undefined,
    },
    (id) => conversations.get(id),
  )
  return api
}
