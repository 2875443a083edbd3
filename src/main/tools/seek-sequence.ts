/**
 * Finds where a chunk's lines are in a file, as leniently as the reference apply-patch does: models copy context
 * with trailing spaces lost, indentation changed or typographic punctuation made plain. Each pass is looser than
 * the one before and a looser pass runs only when the stricter ones found nothing.
 */

const PUNCTUATION: Record<string, string> = {}
for (const dash of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212') PUNCTUATION[dash] = '-'
for (const quote of '\u2018\u2019\u201A\u201B') PUNCTUATION[quote] = "'"
for (const quote of '\u201C\u201D\u201E\u201F') PUNCTUATION[quote] = '"'
for (const space of '\u00A0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000') {
  PUNCTUATION[space] = ' '
}
const UNUSUAL = new RegExp(`[${Object.keys(PUNCTUATION).join('')}]`, 'g')

const normalisations: ((line: string) => string)[] = [
  (line) => line,
  (line) => line.trimEnd(),
  (line) => line.trim(),
  (line) => line.trim().replace(UNUSUAL, (char) => PUNCTUATION[char]),
]

/**
 * The index at which `pattern` occurs in `lines`, searching from `start`; -1 when it does not. With `endOfFile`
 * the end of the file is tried first (the chunk said its lines end the file), then the search from `start`.
 */
export function seekSequence(lines: string[], pattern: string[], start: number, endOfFile: boolean): number {
  if (pattern.length === 0) return start
  if (pattern.length > lines.length) return -1
  const last = lines.length - pattern.length
  const from = endOfFile ? last : start
  for (const normalise of normalisations) {
    const wanted = pattern.map(normalise)
    for (let index = from; index <= last; index++) {
      if (wanted.every((line, offset) => normalise(lines[index + offset]) === line)) return index
    }
  }
  if (endOfFile && from !== start) return seekSequence(lines, pattern, start, false)
  return -1
}
