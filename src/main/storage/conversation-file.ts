import { type FileHandle, open, rm } from 'node:fs/promises'
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
  constructor(name: string) {
    super(`${name} has no readable header.`)
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

/** A conversation file's text replayed: what it holds, and what a load must repair on disk. */
export interface ParsedConversation {
  state: ConversationState
  records: ConversationRecord[]
  /** Unreadable lines before the last one, kept aside in `<file>.corrupt` by a load. */
  corrupt: string[]
  /** The text is not exactly what this version writes (torn, corrupt or old records). */
  needsRewrite: boolean
  /** Bytes of message snapshots a later one replaced: an answer's checkpoints, if the app stopped before compacting. */
  replacedBytes: number
}

/** Lines between two progress reports of a long file. */
const PROGRESS_EVERY = 2_000

/**
 * Replays a conversation file's text without touching the disk; throws UnreadableConversationError (no header) or
 * NewerRecordVersionError. `onProgress` hears lines read of all of them, every few thousand and after the last.
 */
export function parseConversationText(
  text: string,
  name: string,
  versioning: RecordVersioning,
  log: (message: string) => void,
  onProgress: (done: number, total: number) => void = () => {},
): ParsedConversation {
  const lines = text.split('\n')
  let last = lines.length - 1
  while (last >= 0 && lines[last].trim() === '') last--

  const records: ConversationRecord[] = []
  const corrupt: string[] = []
  const snapshotBytes = new Map<string, number>()
  let replacedBytes = 0
  let needsRewrite = text.length > 0 && !text.endsWith('\n')
  for (let i = 0; i <= last; i++) {
    if ((i + 1) % PROGRESS_EVERY === 0 && i < last) onProgress(i + 1, last + 1)
    const line = lines[i]
    if (line.trim() === '') {
      needsRewrite = true
      continue
    }
    const parsed = parseLine(line, versioning)
    if (!parsed) {
      needsRewrite = true
      if (i === last) {
        log(`${name}: skipped an incomplete last line (the app probably stopped while writing it).`)
      } else {
        corrupt.push(line)
        log(`${name}: line ${i + 1} is unreadable; copied it to ${name}.corrupt.`)
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
  onProgress(last + 1, last + 1)

  const header = records[0]
  if (header?.type !== 'header') throw new UnreadableConversationError(name)
  const state = stateFromHeader(header)
  applyRecords(state, records)
  return { state, records, corrupt, needsRewrite, replacedBytes }
}

/**
 * The file's text as of its stat, in one read and one decode, where `readFile` reads 512 KiB at a time and decodes
 * each piece into a string of pieces: a 6 MB conversation took ~45 ms longer to read and parse that way (median, this
 * machine). Text appended after the stat is left for the next read: the stamp says the file is larger by then.
 */
async function readText(handle: FileHandle, size: number): Promise<string> {
  const buffer = Buffer.allocUnsafe(size)
  let filled = 0
  while (filled < size) {
    const { bytesRead } = await handle.read(buffer, filled, size - filled, filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return buffer.toString('utf8', 0, filled)
}

/** A conversation file's text and the stamp of exactly what was read. */
export async function readStampedText(path: string): Promise<{ text: string; stamp: FileStamp }> {
  const handle = await open(path, 'r')
  try {
    const { size, mtimeMs } = await handle.stat()
    return { text: await readText(handle, size), stamp: { size, mtimeMs } }
  } finally {
    await handle.close()
  }
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
  let { text, stamp } = await readStampedText(path)

  const { state, records, corrupt, needsRewrite, replacedBytes } = parseConversationText(
    text,
    basename(path),
    versioning,
    log,
  )
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
