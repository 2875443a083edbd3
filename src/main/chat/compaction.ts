/**
 * Keeps a turn's requests inside the model's context window (protocol/codex.md §0, "context window"). Before each
 * round the request's size is estimated from the last measured round (its `input_tokens`) plus chars/4 for what
 * was added since; past ~90 % of the window, or when the backend answers `context_length_exceeded`, the model
 * summarises the older messages and the summary replaces them in the request only. The summary is stored with the
 * conversation, so later turns start from it; every message stays on disk and on screen.
 */

import { randomUUID } from 'node:crypto'
import type { ChatEvent, Compaction, ContextUse, ReadonlyMessage, TokenUsage, UsageLimits } from '../../shared/domain'
import { AppErrorException, appError } from '../../shared/errors'
import { askForText } from '../codex/ask-for-text'
import type { CodexClient, InputItem, ResponsesRequest } from '../codex/types'
import type { ConversationStore } from '../ports'
import { SUMMARIZATION_INSTRUCTIONS, SUMMARIZATION_REQUEST, SUMMARY_PREFIX } from './compaction-prompt'
import { buildInput } from './input-builder'

/** Share of the window past which older messages are summarised before the request leaves. */
export const COMPACT_THRESHOLD = 0.9
/** Share of the window the recent messages kept word for word may fill after a compaction. */
const KEEP_SHARE = 0.3
/** Share of the window a summarisation request may fill; the oldest messages beyond it go unsummarised. */
const SUMMARY_INPUT_SHARE = 0.8
/** The usual rough measure for English text and JSON; the backend's own count corrects it every round. */
const CHARS_PER_TOKEN = 4

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN)
}

/** The size the estimates count: the input as it goes on the wire. */
export function inputChars(input: readonly InputItem[]): number {
  return JSON.stringify(input).length
}

/** The compaction requests use: the latest one that ends before the message being answered (`history`'s last). */
export function compactionInEffect(
  compactions: readonly Compaction[],
  history: readonly ReadonlyMessage[],
): Compaction | null {
  if (compactions.length === 0) return null
  const newest = compactions.length - 1
  const indexOf = new Map(compactions.map((compaction, index) => [compaction.throughMessageId, index]))
  let found = -1
  // From the newest message back: the newest compaction usually ends a few messages before it, so a long history is
  // not walked whole on every request.
  for (let i = history.length - 2; i >= 0 && found < newest; i--) {
    found = Math.max(found, indexOf.get(history[i].id) ?? -1)
  }
  return compactions[found] ?? null
}

function userText(text: string): InputItem {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }] }
}

/** Sent as a user message, as the Codex CLI sends its summaries; the prefix says what it is. */
function summaryItem(compaction: Compaction): InputItem {
  return userText(`${SUMMARY_PREFIX}\n\n${compaction.summary}`)
}

/** The request input for `messages`, the compaction's summary standing in for the messages it covers. */
export function compactedInput(messages: readonly ReadonlyMessage[], compaction: Compaction | null): InputItem[] {
  if (!compaction) return buildInput(messages)
  const through = messages.findIndex((message) => message.id === compaction.throughMessageId)
  return [summaryItem(compaction), ...buildInput(messages.slice(through + 1))]
}

export function isContextLengthError(error: unknown): boolean {
  return error instanceof AppErrorException && error.error.kind === 'context-length'
}

/** Why older messages were not summarised, or that they were. */
type Compacted = 'compacted' | 'nothing-older' | 'no-summary'

const TOO_LONG: Record<Exclude<Compacted, 'compacted'> | 'after-compaction', string> = {
  'after-compaction': 'The conversation is still too long for this model, even with its older messages summarised.',
  'nothing-older': 'This turn is too long for this model, and there are no older messages left to summarise.',
  'no-summary': 'The conversation is too long for this model, and its older messages could not be summarised.',
}

function tooLong(why: keyof typeof TOO_LONG): AppErrorException {
  return new AppErrorException(
    appError('context-length', `${TOO_LONG[why]} Start a new chat, or pick a model with a larger context.`, {
      code: 'context_length_exceeded',
      retryable: false,
    }),
  )
}

export interface ContextKeeperDeps {
  client: CodexClient
  store: ConversationStore
  emit(event: ChatEvent): void
  onUsageLimits(limits: Partial<UsageLimits>): void
  log(message: string): void
}

export interface ContextTurn {
  conversationId: string
  /** The conversation up to and including the user message being answered. */
  history: readonly ReadonlyMessage[]
  /** The turn's request but its input: a summarisation request uses the same model and reasoning. */
  request: Omit<ResponsesRequest, 'input'>
  /** The model's context window in tokens; null when unknown (then only the backend's refusal compacts). */
  contextWindow: number | null
  compaction: Compaction | null
  /** The answer being written: retry notices of a summarisation request show on it. */
  messageId: string
}

export interface ContextKeeper {
  /** The input of the next round (`messages`: the history and the answer so far); summarises first when needed. */
  inputFor(messages: readonly ReadonlyMessage[], signal: AbortSignal): Promise<InputItem[]>
  /**
   * Runs a round; when the backend finds its input too long, summarises the older messages and runs it once more.
   * A second refusal in the turn, or one with nothing left to summarise, is final.
   */
  withinWindow<T>(round: () => Promise<T>, messages: () => readonly ReadonlyMessage[], signal: AbortSignal): Promise<T>
  /** The round sent with the last input completed with this usage. */
  measured(usage: TokenUsage | undefined): void
  /** What the answer leaves in the model's context: its last completed round; undefined before one completes. */
  use(): ContextUse | undefined
}

export function createContextKeeper(deps: ContextKeeperDeps, turn: ContextTurn): ContextKeeper {
  let compaction = turn.compaction
  /** The last measured round before this turn; a later request's size is estimated from it. */
  const earlier = turn.history.findLast((message) => message.context)?.context
  let measurement: ContextUse | undefined
  let sent: { inputChars: number; compactionId?: string } | undefined
  let compactedOnOverflow = false
  /** The messages before the one being answered are fixed for the turn: once they cannot be summarised, they cannot. */
  let cannotCompact = false
  const fixedChars = turn.request.instructions.length + JSON.stringify(turn.request.tools).length

  /** Tokens of a request whose input has `chars` characters. */
  function estimate(chars: number): number {
    const base = measurement ?? earlier
    // The measured input is a prefix of this one only if it was built with the same compaction and is not longer.
    if (base && base.compactionId === compaction?.id && chars >= base.inputChars) {
      return base.inputTokens + estimateTokens(chars - base.inputChars)
    }
    return estimateTokens(chars + fixedChars)
  }

  /** Index where the recent messages kept word for word begin: at a user message, within KEEP_SHARE of the window. */
  function keepFrom(messages: readonly ReadonlyMessage[], start: number, answering: number): number {
    const window = turn.contextWindow ?? 0
    const budget = window * KEEP_SHARE
    let tokens = estimateTokens(inputChars(buildInput(messages.slice(answering))))
    let from = answering
    for (let i = answering - 1; i >= start; i--) {
      tokens += estimateTokens(inputChars(buildInput([messages[i]])))
      if (tokens > budget) break
      if (messages[i].role === 'user') from = i
    }
    return from
  }

  /** The model's summary of `older` (after the summary in effect), or null when it cannot make one. */
  async function summarise(older: readonly ReadonlyMessage[], signal: AbortSignal): Promise<string | null> {
    // Encrypted reasoning is the model's scratch work: it adds size, not anything a summary needs.
    const groups = older.map((message) => buildInput([message]).filter((item) => item.type !== 'reasoning'))
    const budget = turn.contextWindow ? turn.contextWindow * SUMMARY_INPUT_SHARE * CHARS_PER_TOKEN : Infinity
    let total = groups.reduce((sum, group) => sum + inputChars(group), SUMMARIZATION_INSTRUCTIONS.length)
    while (groups.length > 1 && total > budget) total -= inputChars(groups.shift() ?? [])
    if (groups.length < older.length)
      deps.log(`Compaction left the ${older.length - groups.length} oldest messages out.`)
    const input = [...(compaction ? [summaryItem(compaction)] : []), ...groups.flat(), userText(SUMMARIZATION_REQUEST)]
    const request: ResponsesRequest = {
      ...turn.request,
      instructions: SUMMARIZATION_INSTRUCTIONS,
      tools: [],
      parallelToolCalls: false,
      input,
    }
    let summary: string
    try {
      summary = await askForText(deps.client, request, {
        signal,
        onRetry(notice) {
          deps.emit({ type: 'retrying', conversationId: turn.conversationId, messageId: turn.messageId, ...notice })
        },
        onUsageLimits: deps.onUsageLimits,
      })
    } catch (error) {
      if (!isContextLengthError(error)) throw error
      deps.log('The older messages are too long even to summarise.')
      return null
    }
    return summary === '' ? null : summary
  }

  /** Summarises the messages before the kept ones (`all`: everything before the message being answered). */
  async function compact(
    messages: readonly ReadonlyMessage[],
    signal: AbortSignal,
    scope: 'fit' | 'all',
  ): Promise<Compacted> {
    const answering = turn.history.length - 1
    const start = compaction ? messages.findIndex((message) => message.id === compaction?.throughMessageId) + 1 : 0
    const end = scope === 'all' ? answering : keepFrom(messages, start, answering)
    const older = messages.slice(start, end)
    const last = older.at(-1)
    if (!last) return 'nothing-older'
    const summary = await summarise(older, signal)
    if (!summary) return 'no-summary'
    const next: Compaction = {
      id: randomUUID(),
      throughMessageId: last.id,
      summary,
      model: turn.request.model,
      createdAt: Date.now(),
    }
    await deps.store.recordCompaction(turn.conversationId, next)
    compaction = next
    deps.emit({ type: 'compacted', conversationId: turn.conversationId, compaction: next })
    deps.log(`Summarised ${older.length} older messages to fit the model's context.`)
    return 'compacted'
  }

  return {
    async inputFor(messages, signal) {
      let input = compactedInput(messages, compaction)
      let chars = inputChars(input)
      const window = turn.contextWindow
      if (!cannotCompact && window && estimate(chars) > window * COMPACT_THRESHOLD) {
        if ((await compact(messages, signal, 'fit')) === 'compacted') {
          input = compactedInput(messages, compaction)
          chars = inputChars(input)
        } else {
          cannotCompact = true
        }
      }
      sent = { inputChars: chars, ...(compaction ? { compactionId: compaction.id } : {}) }
      return input
    },

    async withinWindow(round, messages, signal) {
      try {
        return await round()
      } catch (error) {
        if (!isContextLengthError(error)) throw error
        if (compactedOnOverflow) throw tooLong('after-compaction')
        compactedOnOverflow = true
        const outcome = await compact(messages(), signal, 'all')
        if (outcome !== 'compacted') throw tooLong(outcome)
      }
      try {
        return await round()
      } catch (error) {
        throw isContextLengthError(error) ? tooLong('after-compaction') : error
      }
    },

    measured(usage) {
      if (!usage || !sent) return
      measurement = { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, ...sent }
    },

    use: () => measurement,
  }
}
