/** A record as it was read from disk, before it is upgraded and validated. */
export type RawRecord = { v: number } & Record<string, unknown>

/** Lifts one record from version `n` to `n + 1`. */
export type RecordUpgrade = (record: RawRecord) => RawRecord

export interface RecordVersioning {
  /** The version every record is written with. */
  current: number
  /** `upgrades[n]` lifts a record from version n to n + 1; a load applies them in turn up to `current`. */
  upgrades: Readonly<Record<number, RecordUpgrade>>
}

/**
 * Version 2 added the `compaction` record, version 3 the `workspace` and `tool-policy` records and the approval
 * preview on tool calls; older records read as they are. Each bump is what keeps an older app from taking a new line
 * for a corrupt one (or dropping a field it does not know) and rewriting the file without it: it refuses the file
 * instead.
 */
export const RECORD_VERSIONING: RecordVersioning = {
  current: 3,
  upgrades: { 1: (record) => record, 2: (record) => record },
}

/** A file written by a newer Codex Desk: loading it must not rewrite (and so downgrade) it. */
export class NewerRecordVersionError extends Error {
  constructor(readonly version: number) {
    super(`A record has version ${version}, newer than this app understands.`)
    this.name = 'NewerRecordVersionError'
  }
}

export function isRawRecord(value: unknown): value is RawRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Number.isInteger((value as { v?: unknown }).v) &&
    (value as { v: number }).v >= 1
  )
}

/** Returns the record at the current version, or undefined when no upgrade path exists (the line is unreadable). */
export function upgradeRecord(record: RawRecord, versioning: RecordVersioning): RawRecord | undefined {
  if (record.v > versioning.current) throw new NewerRecordVersionError(record.v)
  let upgraded = record
  while (upgraded.v < versioning.current) {
    const upgrade = versioning.upgrades[upgraded.v]
    if (!upgrade) return undefined
    upgraded = { ...upgrade(upgraded), v: upgraded.v + 1 }
  }
  return upgraded
}
