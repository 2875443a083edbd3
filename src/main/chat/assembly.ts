/**
 * Where the parts of the assistant message being assembled came from: which output item each part belongs to, the
 * item open for id-less deltas, and where the current round began. Pure data and lookups; message-assembler.ts
 * applies the stream events.
 */
import type { ChatMessage, MessagePart } from '../../shared/domain'
import type { OutputItem } from '../codex/types'

type Kind = MessagePart['kind']

export interface Assembly {
  conversationId: string
  message: ChatMessage
  /**
   * Which part each output item of the current request landed in, under `o<outputIndex>` and `i<itemId>` (events
   * carry either or both). Cleared per request: output indexes restart in every round of the tool loop.
   */
  items: Readonly<Record<string, number>>
  /**
   * Deltas without `item_id` / `output_index` belong to the item currently open (codex.md §0): the keys of the last
   * `output_item.added` of each kind, until that item is done.
   */
  open: Readonly<Partial<Record<OpenKind, string[]>>>
  /** The part id-less events of each kind built when no item was open; the finished item (with its id) claims it. */
  unclaimed: Readonly<Partial<Record<OpenKind, number>>>
  /** Parts before this index belong to earlier rounds of the turn; a re-sent request replaces only what follows. */
  roundStart: number
}

/** Kinds whose deltas may come without ids. */
export type OpenKind = 'text' | 'reasoning'

export function startAssembly(conversationId: string, message: ChatMessage): Assembly {
  return { conversationId, message, items: {}, open: {}, unclaimed: {}, roundStart: message.parts.length }
}

export function startRound(assembly: Assembly): Assembly {
  return { ...assembly, items: {}, open: {}, unclaimed: {}, roundStart: assembly.message.parts.length }
}

/** The keys an event addresses its item by; an event naming none addresses the open item of its kind. */
export function keysFor(
  assembly: Assembly,
  kind: OpenKind,
  outputIndex: number | undefined,
  itemId: string | undefined,
) {
  const keys = keysOf(outputIndex, itemId)
  return keys.length > 0 ? keys : (assembly.open[kind] ?? [])
}

export function openKindOf(item: OutputItem): OpenKind | undefined {
  if (item.type === 'message') return 'text'
  if (item.type === 'reasoning') return 'reasoning'
  return undefined
}

/** The part of a finished item: by its keys, else the one id-less deltas built for it. */
export function findDonePart(assembly: Assembly, keys: string[], kind: OpenKind): number | undefined {
  const index = findPart(assembly, keys, kind)
  if (index !== undefined) return index
  const unclaimed = assembly.unclaimed[kind]
  return unclaimed !== undefined && assembly.message.parts[unclaimed]?.kind === kind ? unclaimed : undefined
}

/** The item of this kind is finished: later id-less deltas start a new part. */
export function closeItem(assembly: Assembly, kind: OpenKind): Assembly {
  const { [kind]: _open, ...open } = assembly.open
  const { [kind]: _unclaimed, ...unclaimed } = assembly.unclaimed
  return { ...assembly, open, unclaimed }
}

/** Remembers the part an event without any keys built, for the finished item to claim. */
export function noteUnclaimed(assembly: Assembly, kind: OpenKind, keys: string[], index: number): Assembly {
  if (keys.length > 0 || assembly.unclaimed[kind] === index) return assembly
  return { ...assembly, unclaimed: { ...assembly.unclaimed, [kind]: index } }
}

export function keysOf(outputIndex: number | undefined, itemId: string | undefined): string[] {
  const keys: string[] = []
  if (outputIndex !== undefined) keys.push(`o${outputIndex}`)
  if (itemId) keys.push(`i${itemId}`)
  return keys
}

export function findPart(assembly: Assembly, keys: string[], kind: Kind): number | undefined {
  for (const key of keys) {
    const index = assembly.items[key]
    if (index !== undefined && assembly.message.parts[index]?.kind === kind) return index
  }
  // Events that name no item, with no item open, continue the part earlier such events built.
  if (keys.length === 0 && (kind === 'text' || kind === 'reasoning')) {
    const index = assembly.unclaimed[kind]
    if (index !== undefined && assembly.message.parts[index]?.kind === kind) return index
  }
  return undefined
}

export function remember(assembly: Assembly, keys: string[], index: number): Assembly {
  if (keys.every((key) => assembly.items[key] === index)) return assembly
  const items = { ...assembly.items }
  for (const key of keys) items[key] = index
  return { ...assembly, items }
}

export function withPart(assembly: Assembly, index: number, part: MessagePart): Assembly {
  const parts = assembly.message.parts.slice()
  parts[index] = part
  return { ...assembly, message: { ...assembly.message, parts } }
}
