import type { ChatMessage, Conversation, ConversationSummary } from '../../shared/domain'
import { appError } from '../../shared/errors'
import type { ConversationWindow } from '../ports'
import type { ConversationRecord, HeaderRecord } from './records'
import { clipAtWord, collapseWhitespace, messageText } from './text'

const PREVIEW_LENGTH = 120

/** A conversation as its records replay, with where each message sits so snapshots replace in O(1). */
export interface ConversationState {
  conversation: Conversation
  positions: Map<string, number>
}

export function stateFromHeader(header: HeaderRecord): ConversationState {
  return {
    conversation: {
      id: header.id,
      title: header.title,
      createdAt: header.created,
      updatedAt: header.created,
      pinned: false,
      model: header.model,
      effort: header.effort,
      messageCount: 0,
      preview: '',
      workspace: header.workspace,
      messages: [],
      compactions: [],
      notes: [],
    },
    positions: new Map(),
  }
}

/** Applies records in order; the header only starts a state, so a second one is ignored. */
export function applyRecords(state: ConversationState, records: readonly ConversationRecord[]): void {
  const { conversation, positions } = state
  for (const record of records) {
    switch (record.type) {
      case 'header':
        break
      case 'message': {
        const at = positions.get(record.message.id)
        if (at === undefined) {
          positions.set(record.message.id, conversation.messages.length)
          conversation.messages.push(record.message)
        } else {
          conversation.messages[at] = record.message
        }
        conversation.updatedAt = Math.max(conversation.updatedAt, record.at)
        break
      }
      case 'truncate': {
        const at = positions.get(record.messageId)
        if (at !== undefined) {
          const dropped = new Set(conversation.messages.splice(at).map((message) => message.id))
          for (const id of dropped) positions.delete(id)
          // A summary of messages that are gone no longer stands for anything.
          conversation.compactions = conversation.compactions.filter((compaction) =>
            positions.has(compaction.throughMessageId),
          )
          // A note after a dropped message belonged to the part of the conversation that is gone.
          conversation.notes = conversation.notes?.filter(
            (note) => note.afterMessageId === null || !dropped.has(note.afterMessageId),
          )
        }
        conversation.updatedAt = Math.max(conversation.updatedAt, record.at)
        break
      }
      case 'compaction':
        conversation.compactions.push(record.compaction)
        break
      case 'workspace':
        conversation.workspace = record.workspace
        break
      case 'tool-policy':
        conversation.toolPolicy = record.policy
        break
      case 'title':
        conversation.title = record.title
        break
      case 'pin':
        conversation.pinned = record.pinned
        break
      case 'model':
        conversation.model = record.model
        conversation.effort = record.effort
        if (record.replacing !== undefined) {
          conversation.notes = [
            ...(conversation.notes ?? []),
            {
              kind: 'model-retired',
              at: record.at,
              afterMessageId: conversation.messages.at(-1)?.id ?? null,
              from: record.replacing,
              to: record.model,
            },
          ]
        }
        break
    }
  }
  conversation.messageCount = conversation.messages.length
  conversation.preview = previewOf(conversation.messages)
}

function previewOf(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    // Only the head of a long message can reach the preview; collapsing all of it would be wasted work.
    const text = collapseWhitespace(messageText(messages[i]).slice(0, PREVIEW_LENGTH * 4))
    if (text) return clipAtWord(text, PREVIEW_LENGTH)
  }
  return ''
}

export function summarize(conversation: Conversation): ConversationSummary {
  const { id, title, createdAt, updatedAt, pinned, model, effort, messageCount, preview } = conversation
  return { id, title, createdAt, updatedAt, pinned, model, effort, messageCount, preview }
}

/** An answer still `streaming` on disk is shown as cut off, so the user can retry it. */
function presentMessage(message: ChatMessage): ChatMessage {
  return message.state === 'streaming'
    ? {
        ...message,
        state: 'error',
        error: appError('stream-cut', 'Codex Desk closed before this answer was finished.', { retryable: true }),
      }
    : message
}

/**
 * What `get` hands out: a copy the caller may change, with an answer still `streaming` on disk shown as cut off. An
 * answer being written now is not cut: the conversation service lays its live version over the stored checkpoint.
 */
export function presentConversation(conversation: Conversation): Conversation {
  const copy = structuredClone(conversation)
  copy.messages = copy.messages.map(presentMessage)
  return copy
}

/**
 * What `window` hands out: messages `start` to `end` and the rest of the conversation, presented as `get` presents
 * them. Only that much is copied, so a long conversation costs no more to open than a short one.
 */
export function presentWindow(state: ConversationState, start: number, end: number): ConversationWindow {
  const { messages: all, ...rest } = state.conversation
  const messages = structuredClone(all.slice(start, end)).map(presentMessage)
  const window: ConversationWindow = { conversation: structuredClone(rest), messages, olderCount: start }
  if (messages.some((message) => message.context)) return window
  for (let i = start - 1; i >= 0; i--) {
    const context = all[i].context
    if (context) return { ...window, olderContext: { ...context } }
  }
  return window
}
