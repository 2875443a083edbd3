import { open, rm } from 'node:fs/promises'
import { basename } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { recordsOf } from './conversation-records'
import { applyRecords, type ConversationState, stateFromHeader } from './conversation-state'
import { appendDurably, type FileStamp, keepBackup, writeAtomically } from './durable-files'
import { isRawRecord, type RecordVersioning, upgradeRecord } from './migrations'
import { type ConversationRecord, recordSchema, serializeRecord } from './records'

export interface LoadedConversation {
  state: ConversationState
  stamp: FileStamp
}

/** The file has no readable header, so there is no conversation to show; it is left untouched. */
export class UnreadableConversationError extends Error {
  constructor(path: string) {
    super(`${basename(path)} has no readable header.`)
    this.name = 'UnreadableConversationError'
  }
}

type ParsedLine = { record: ConversationRecord; upgraded: boolean } | undefined

function parseLine(line: string, versioning: RecordVersioning): ParsedLine {
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch {
    return undefined
  }
  if (!isRawRecord(raw)) return undefined
  const upgraded = upgradeRecord(raw, versioning)
  if (!upgraded) return undefined
  const parsed = recordSchema.safeParse(upgraded)
  return parsed.success ? { record: parsed.data, upgraded: upgraded !== raw } : undefined
}

/**
 * Reads and replays a conversation file. A torn last line (a crash mid-append) is dropped with a warning; a corrupt
 * line elsewhere is copied to `<file>.corrupt`. Whenever the file is not exactly what this version writes (torn,
 * corrupt or old records), it is rewritten clean after a `.bak` copy, so the next append starts on a fresh line.
 */
export async function loadConversationFile(
  path: string,
  versioning: RecordVersioning,
  log: (message: string) => void,
): Promise<LoadedConversation> {
  const handle = await open(path, 'r')
  let text: string
  let stamp: FileStamp
  try {
    const { size, mtimeMs } = await handle.stat()
    stamp = { size, mtimeMs }
    text = await handle.readFile('utf8')
  } finally {
    await handle.close()
  }

  const lines = text.split('\n')
  let last = lines.length - 1
  while (last >= 0 && lines[last].trim() === '') last--

  const records: ConversationRecord[] = []
  const corrupt: string[] = []
  // Bytes of message snapshots a later one replaced: an answer's checkpoints, if the app stopped before compacting.
  const snapshotBytes = new Map<string, number>()
  let replacedBytes = 0
  let needsRewrite = text.length > 0 && !text.endsWith('\n')
  for (let i = 0; i <= last; i++) {
    const line = lines[i]
    if (line.trim() === '') {
      needsRewrite = true
      continue
    }
    const parsed = parseLine(line, versioning)
    if (!parsed) {
      needsRewrite = true
      if (i === last) {
        log(`${basename(path)}: skipped an incomplete last line (the app probably stopped while writing it).`)
      } else {
        corrupt.push(line)
        log(`${basename(path)}: line ${i + 1} is unreadable; copied it to ${basename(path)}.corrupt.`)
      }
      continue
    }
    if (parsed.upgraded) needsRewrite = true
    records.push(parsed.record)
    if (parsed.record.type === 'message') {
      replacedBytes += snapshotBytes.get(parsed.record.message.id) ?? 0
      snapshotBytes.set(parsed.record.message.id, line.length + 1)
    }
  }

  const header = records[0]
  if (header?.type !== 'header') throw new UnreadableConversationError(path)
  const state = stateFromHeader(header)
  applyRecords(state, records)

  const compacted = replacedBytes > text.length / 2 ? compactText(state, versioning) : null
  if (replacedBytes > text.length / 2 && !compacted) {
    log(`${basename(path)}: not compacted; written anew it would not read back the same.`)
  }
  if (needsRewrite || compacted) {
    if (corrupt.length > 0) await appendDurably(`${path}.corrupt`, `${corrupt.join('\n')}\n`)
    await keepBackup(path)
    stamp = await writeAtomically(
      path,
      compacted ?? records.map((record) => serializeRecord(record, versioning.current)).join(''),
    )
    // A copy kept only for the compaction goes once the new file is down: its text was checked before writing.
    if (!needsRewrite) await rm(`${path}.bak`, { force: true })
  }
  return { state, stamp }
}

/**
 * The conversation written anew with one record per message, for a file that is mostly replaced snapshots (an
 * answer's checkpoints, when the app stopped before compacting them); null unless it replays to the very same
 * conversation.
 */
export function compactText(state: ConversationState, versioning: RecordVersioning): string | null {
  const records = recordsOf(state.conversation, state.conversation.updatedAt)
  const header = records[0]
  if (header?.type !== 'header') return null
  const replayed = stateFromHeader(header)
  applyRecords(replayed, records)
  if (!isDeepStrictEqual(replayed.conversation, state.conversation)) return null
  return records.map((record) => serializeRecord(record, versioning.current)).join('')
}
