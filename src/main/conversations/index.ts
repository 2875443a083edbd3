/**
 * The conversation service: everything the renderer does to conversations goes through here, from creating one to
 * the end of each answer. It owns the live answer (one place, numbered with its events), whether a conversation is
 * busy, the model a new conversation gets, and the one writer an answer takes to disk. Storage below it is a
 * repository; the turn engine (chat/) streams and runs tools without knowing about either.
 */

import { FIRST_WINDOW_MESSAGES } from '../../shared/contract/conversations'
import type { ConversationSummary, SidebarEntry, UsageLimits } from '../../shared/domain'
import { fail } from '../../shared/errors'
import type { ChatChannel, ConversationChannel } from '../../shared/ipc-contract'
import { type ModelChoice, newConversationChoice } from '../../shared/model-policy'
import type { Capability } from '../capability'
import { createActiveTurns } from '../chat/active-turns'
import { runTurn } from '../chat/turn-runner'
import type { Clock } from '../clock'
import type { CodexClient } from '../codex/types'
import type { EventSink } from '../ipc/event-hub'
import type { ModelList } from '../models/model-list'
import type { ConversationStore, SettingsService } from '../ports'
import type { ToolRegistry } from '../tools'
import { type AnswerWriter, createAnswerWriter } from './answer-writer'
import { createLiveAnswers } from './live-answers'
import { createModelTitles } from './model-title'
import { createToolSetup } from './tool-setup'
import { createTurnPreparation } from './turn-preparation'

/** A streaming answer is checkpointed at most this often: a crash loses at most about this much of it. */
export const CHECKPOINT_INTERVAL_MS = 1_000

export interface ConversationServiceDeps {
  store: ConversationStore
  client: CodexClient
  models: ModelList
  tools: ToolRegistry
  events: EventSink
  settings: SettingsService
  onUsageLimits(limits: Partial<UsageLimits>): void
  /** Asks where to save an export (Electron's save dialog); absent in the harness, where the renderer downloads it. */
  chooseSaveLocation?(suggestedName: string): Promise<string | null>
  /** Time for the answer writer's interval (tests step it). */
  writerClock?: Clock
  /** Time for merging a streaming answer's deltas before they are sent (tests step it). */
  deltaClock?: Clock
  log(message: string): void
}

export type ConversationService = Capability<ConversationChannel | ChatChannel>

export function createConversationService(deps: ConversationServiceDeps): ConversationService {
  const { store, events, settings, log } = deps
  const live = createLiveAnswers((event) => events.emit('chat:event', event), deps.deltaClock)
  const titles = createModelTitles({
    client: deps.client,
    store,
    models: deps.models,
    onUsageLimits: deps.onUsageLimits,
    log,
  })
  const writers = new Set<AnswerWriter>()

  const remembered = (): Partial<ModelChoice> => {
    const { lastModel, lastEffort } = settings.get()
    return lastModel ? { model: lastModel, effort: lastEffort } : {}
  }
  const withBusy = (summary: ConversationSummary): ConversationSummary =>
    turns.isBusy(summary.id) ? { ...summary, busy: true } : summary
  const sidebarEntry = (summary: ConversationSummary): SidebarEntry => {
    const { id, title, createdAt, updatedAt, pinned, model, effort } = summary
    const entry = { id, title, createdAt, updatedAt, pinned, model, effort }
    return turns.isBusy(id) ? { ...entry, busy: true } : entry
  }

  const turns = createActiveTurns({
    run(plan, control) {
      const { conversationId } = plan
      const writer = createAnswerWriter({
        store,
        conversationId,
        intervalMs: CHECKPOINT_INTERVAL_MS,
        clock: deps.writerClock,
        log,
      })
      writers.add(writer)
      const answered = runTurn(
        {
          client: deps.client,
          tools: deps.tools,
          store,
          log,
          emit: live.publish,
          onUsageLimits: deps.onUsageLimits,
          answer: {
            update(message) {
              live.setMessage(conversationId, message)
              writer.checkpoint(message)
            },
            finish(message) {
              live.setMessage(conversationId, message)
              return writer.finish(message)
            },
            close: () => live.setMessage(conversationId, null),
          },
        },
        plan,
        control,
      )
      void answered.then(() => writer.settled()).finally(() => writers.delete(writer))
      void answered.then((answer) => titles.afterAnswer(conversationId, plan.history, answer))
      return answered
    },
    onBusyChange(conversationId, busy) {
      const summary = store.summary(conversationId)
      if (summary) events.emit('conversations:changed', { upserted: busy ? { ...summary, busy } : summary })
    },
    log,
  })
  const stopWatchingStore = store.onChange((change) =>
    events.emit('conversations:changed', change.upserted ? { upserted: withBusy(change.upserted) } : change),
  )

  const toolSetup = createToolSetup(store, settings)
  const prepare = createTurnPreparation({
    store,
    models: deps.models,
    settings,
    tools: deps.tools,
    publish: live.publish,
    remembered,
    allowAlways: toolSetup.allowAlways,
  })

  return {
    handlers: {
      'conversations:list': (request) => {
        const all = store.list()
        return { entries: all.slice(0, request?.limit).map(sidebarEntry), total: all.length }
      },
      'conversations:search': async ({ query }) =>
        (await store.search(query)).map((hit) => ({ ...hit, conversation: withBusy(hit.conversation) })),
      'conversations:get': async ({ id }) => {
        const { conversation, ...newest } = await store.window(id, { limit: FIRST_WINDOW_MESSAGES })
        return live.snapshot({ ...conversation, ...(turns.isBusy(id) ? { busy: true } : {}), ...newest })
      },
      'conversations:page': async ({ id, before, limit }) => {
        const { messages, olderCount } = await store.window(id, { before, limit })
        return { messages, olderCount }
      },
      'conversations:create': async (input) => {
        const choice = newConversationChoice(await deps.models.settled(), input ?? {}, remembered())
        // A new conversation starts in the workspace last chosen: most people work in one project at a time.
        return store.create({ ...choice, workspace: settings.get().workspace })
      },
      'conversations:rename': async ({ id, title }) => withBusy(await store.rename(id, title)),
      'conversations:pin': async ({ id, pinned }) => withBusy(await store.setPinned(id, pinned)),
      'conversations:set-model': async ({ id, model, effort }) => withBusy(await store.setModel(id, model, effort)),
      'conversations:set-workspace': ({ id, workspace }) => toolSetup.setWorkspace(id, workspace),
      'conversations:set-approval-level': ({ id, level }) => toolSetup.setApprovalLevel(id, level),
      'conversations:delete': async ({ id }) => {
        // Its answer would otherwise go on writing to a conversation that is gone.
        await turns.stop(id)
        await store.delete(id)
      },
      'conversations:export': async ({ id, format }) => {
        const onProgress = (done: number, total: number) =>
          events.emit('conversations:export-progress', { id, done, total })
        if (!deps.chooseSaveLocation) return store.export(id, format, onProgress)
        const saved = await store.exportToFile(id, format, deps.chooseSaveLocation, onProgress)
        return saved ?? fail('cancelled', 'The export was not saved.')
      },
      'conversations:import': ({ content }) =>
        store.import(content, (done, total) => events.emit('conversations:import-progress', { done, total })),

      'chat:send': ({ conversationId, text }) => turns.begin(conversationId, () => prepare.send(conversationId, text)),
      'chat:edit': ({ conversationId, messageId, text }) =>
        turns.begin(conversationId, () => prepare.edit(conversationId, messageId, text)),
      'chat:regenerate': ({ conversationId }) => turns.begin(conversationId, () => prepare.answerAgain(conversationId)),
      'chat:retry-now': ({ conversationId }) => turns.retryNow(conversationId),
      'chat:stop': ({ conversationId }) => turns.stop(conversationId),
      'tools:decide': ({ conversationId, callId, decision }) => turns.decide(conversationId, callId, decision),
    },
    async dispose() {
      stopWatchingStore()
      await turns.stopAll()
      await titles.dispose()
      await Promise.all([...writers].map((writer) => writer.settled()))
    },
  }
}
