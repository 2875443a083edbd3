/** Reading JSON from outside (the backend, the issuer, files) without trusting its shape: each helper says what it found. */

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The object, or an empty one, so a missing level reads as absent fields. */
export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {}
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** A string with something in it. */
export function nonEmptyStr(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

/** A finite number. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
