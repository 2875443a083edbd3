/**
 * Folds the Responses stream into the assistant message, purely: each step returns the next assembly and the
 * ChatEvents that tell the renderer what changed. The turn runner owns the I/O (emitting, recording, tools).
 */
import type { ChatEvent, MessagePart, ToolCallState } from '../../shared/domain'
import { record, str } from '../../shared/narrow'
import type { OutputItem, StreamEvent } from '../codex/types'
import type { ToolCallRequest } from '../tools'
import {
  type Assembly,
  closeItem,
  findDonePart,
  findPart,
  keysFor,
  keysOf,
  noteUnclaimed,
  openKindOf,
  remember,
  startRound,
  withPart,
} from './assembly'

export interface Step {
  assembly: Assembly
  events: ChatEvent[]
  toolCall?: ToolCallRequest
  /** The broken attempt's output was dropped: tools it started must stop. */
  replaced?: boolean
}

export interface AssemblerOptions {
  /** The state a new tool-call part starts in: `pending-approval` or `running`. */
  initialToolState(name: string): ToolCallState
}

/** A re-sent request starts producing output: what the broken attempt added this round goes, earlier rounds stay. */
function replaceRound(assembly: Assembly): Step {
  const parts = assembly.message.parts.slice(0, assembly.roundStart)
  const next = { ...startRound({ ...assembly, message: { ...assembly.message, parts } }) }
  const event: ChatEvent = {
    type: 'parts-reset',
    conversationId: assembly.conversationId,
    messageId: assembly.message.id,
    parts,
  }
  return { assembly: next, events: [event], replaced: true }
}

function addPart(assembly: Assembly, keys: string[], part: MessagePart): Step & { index: number } {
  const index = assembly.message.parts.length
  const next = remember(withPart(assembly, index, part), keys, index)
  const event: ChatEvent = {
    type: 'part-added',
    conversationId: assembly.conversationId,
    messageId: assembly.message.id,
    partIndex: index,
    part,
  }
  return { assembly: next, events: [event], index }
}

function updatePart(assembly: Assembly, keys: string[], index: number, part: MessagePart): Step {
  const next = remember(withPart(assembly, index, part), keys, index)
  const event: ChatEvent = {
    type: 'part-updated',
    conversationId: assembly.conversationId,
    messageId: assembly.message.id,
    partIndex: index,
    part,
  }
  return { assembly: next, events: [event] }
}

type ReasoningPart = Extract<MessagePart, { kind: 'reasoning' }>

function reasoningAt(assembly: Assembly, index: number): ReasoningPart {
  return assembly.message.parts[index] as ReasoningPart
}

/** Ensures a reasoning part exists for the item, creating an empty one (announced) if needed. */
function ensureReasoning(assembly: Assembly, keys: string[]): Step & { index: number } {
  const index = findPart(assembly, keys, 'reasoning')
  if (index !== undefined) return { assembly: remember(assembly, keys, index), events: [], index }
  const added = addPart(assembly, keys, { kind: 'reasoning', summary: [] })
  return { ...added, assembly: noteUnclaimed(added.assembly, 'reasoning', keys, added.index) }
}

function summaryWithSlot(summary: string[], slot: number): string[] {
  const next = summary.slice()
  while (next.length <= slot) next.push('')
  return next
}

function summaryTexts(item: OutputItem): string[] {
  const summary = item.summary
  if (!Array.isArray(summary)) return []
  return summary.map((entry: unknown) => str(record(entry).text) ?? '')
}

function messageText(item: OutputItem): string {
  const content = item.content
  if (!Array.isArray(content)) return ''
  return content
    .map((entry: unknown) => {
      const { type, text, refusal } = record(entry)
      if (type === 'output_text') return str(text) ?? ''
      if (type === 'refusal') return str(refusal) ?? ''
      return ''
    })
    .join('')
}

function onTextDelta(assembly: Assembly, event: Extract<StreamEvent, { type: 'text-delta' }>): Step {
  const keys = keysFor(assembly, 'text', event.outputIndex, event.itemId)
  const index = findPart(assembly, keys, 'text')
  if (index === undefined) {
    const added = addPart(assembly, keys, { kind: 'text', text: event.delta })
    return { ...added, assembly: noteUnclaimed(added.assembly, 'text', keys, added.index) }
  }
  const part = assembly.message.parts[index] as Extract<MessagePart, { kind: 'text' }>
  const next = remember(withPart(assembly, index, { kind: 'text', text: part.text + event.delta }), keys, index)
  return {
    assembly: next,
    events: [
      {
        type: 'text-delta',
        conversationId: assembly.conversationId,
        messageId: assembly.message.id,
        partIndex: index,
        delta: event.delta,
      },
    ],
  }
}

function onSummaryPartAdded(
  assembly: Assembly,
  event: Extract<StreamEvent, { type: 'reasoning-summary-part-added' }>,
): Step {
  const keys = keysFor(assembly, 'reasoning', event.outputIndex, event.itemId)
  const ensured = ensureReasoning(assembly, keys)
  const part = reasoningAt(ensured.assembly, ensured.index)
  if (part.summary.length > event.summaryIndex) return ensured
  const updated = updatePart(ensured.assembly, keys, ensured.index, {
    ...part,
    summary: summaryWithSlot(part.summary, event.summaryIndex),
  })
  return { assembly: updated.assembly, events: [...ensured.events, ...updated.events] }
}

function onSummaryDelta(assembly: Assembly, event: Extract<StreamEvent, { type: 'reasoning-summary-delta' }>): Step {
  const keys = keysFor(assembly, 'reasoning', event.outputIndex, event.itemId)
  const ensured = ensureReasoning(assembly, keys)
  const part = reasoningAt(ensured.assembly, ensured.index)
  const summary = summaryWithSlot(part.summary, event.summaryIndex)
  summary[event.summaryIndex] += event.delta
  return {
    assembly: withPart(ensured.assembly, ensured.index, { ...part, summary }),
    events: [
      ...ensured.events,
      {
        type: 'reasoning-delta',
        conversationId: assembly.conversationId,
        messageId: assembly.message.id,
        partIndex: ensured.index,
        summaryIndex: event.summaryIndex,
        delta: event.delta,
      },
    ],
  }
}

function onItemDone(
  assembly: Assembly,
  item: OutputItem,
  outputIndex: number | undefined,
  options: AssemblerOptions,
): Step {
  const kind = openKindOf(item)
  const step = completeItem(assembly, item, outputIndex, options)
  return kind ? { ...step, assembly: closeItem(step.assembly, kind) } : step
}

function completeItem(
  assembly: Assembly,
  item: OutputItem,
  outputIndex: number | undefined,
  options: AssemblerOptions,
): Step {
  const keys = keysOf(outputIndex, item.id)
  switch (item.type) {
    case 'reasoning': {
      // The finished item is the authority: it carries `encrypted_content`, and its summary is the full text.
      const texts = summaryTexts(item)
      const index = findDonePart(assembly, keys, 'reasoning')
      if (index === undefined) return addPart(assembly, keys, { kind: 'reasoning', summary: texts, item })
      const summary = texts.length > 0 ? texts : reasoningAt(assembly, index).summary
      return updatePart(assembly, keys, index, { kind: 'reasoning', summary, item })
    }
    case 'message': {
      const text = messageText(item)
      const index = findDonePart(assembly, keys, 'text')
      if (index === undefined) {
        return text === '' ? { assembly, events: [] } : addPart(assembly, keys, { kind: 'text', text })
      }
      const current = assembly.message.parts[index] as Extract<MessagePart, { kind: 'text' }>
      if (text === '' || text === current.text) return { assembly: remember(assembly, keys, index), events: [] }
      return updatePart(assembly, keys, index, { kind: 'text', text })
    }
    case 'function_call': {
      const toolCall: ToolCallRequest = {
        callId: String(item.call_id ?? ''),
        name: String(item.name ?? ''),
        arguments: typeof item.arguments === 'string' ? item.arguments : '',
      }
      const added = addPart(assembly, keys, {
        kind: 'tool-call',
        ...toolCall,
        state: options.initialToolState(toolCall.name),
      })
      return { assembly: added.assembly, events: added.events, toolCall }
    }
    default:
      // Kinds Codex Desk never asks for (custom tools, web search) have nothing to show or replay.
      return { assembly, events: [] }
  }
}

/** Applies one stream event. */
export function applyStreamEvent(assembly: Assembly, event: StreamEvent, options: AssemblerOptions): Step {
  switch (event.type) {
    case 'text-delta':
      return onTextDelta(assembly, event)
    case 'reasoning-summary-part-added':
      return onSummaryPartAdded(assembly, event)
    case 'reasoning-summary-delta':
      return onSummaryDelta(assembly, event)
    case 'output-item-added': {
      const keys = keysOf(event.outputIndex, event.item.id)
      const kind = openKindOf(event.item)
      const opened = kind && keys.length > 0 ? { ...assembly, open: { ...assembly.open, [kind]: keys } } : assembly
      // Reasoning shows as soon as it starts; text and tool calls appear with their first content.
      if (kind !== 'reasoning') return { assembly: opened, events: [] }
      const ensured = ensureReasoning(opened, keys)
      return { assembly: ensured.assembly, events: ensured.events }
    }
    case 'output-item-done':
      return onItemDone(assembly, event.item, event.outputIndex, options)
    case 'output-replaced':
      return replaceRound(assembly)
    default:
      return { assembly, events: [] }
  }
}

type ToolCallPart = Extract<MessagePart, { kind: 'tool-call' }>

/** Moves a tool call along (approved, denied, finished); unknown call ids change nothing. */
export function updateToolCall(
  assembly: Assembly,
  callId: string,
  change: Partial<Pick<ToolCallPart, 'state' | 'output' | 'error' | 'preview'>>,
): Step {
  const index = assembly.message.parts.findIndex((part) => part.kind === 'tool-call' && part.callId === callId)
  if (index < 0) return { assembly, events: [] }
  const part = { ...(assembly.message.parts[index] as ToolCallPart), ...change }
  return updatePart(assembly, [], index, part)
}
