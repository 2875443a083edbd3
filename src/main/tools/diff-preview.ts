import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff'
import { capOutput } from './output-cap'

/** Past this many changed lines the diff is not computed: it would take long and nobody reads it on a card. */
const MAX_EDIT_LENGTH = 10_000
const MAX_DIFF_CHARS = 256 * 1024

function lineCount(text: string): number {
  if (text === '') return 0
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}

/**
 * A unified diff (`---`/`+++` headers and `@@` hunks) of one file, for the approval card. `null` stands for a file
 * that does not exist on that side (a new or deleted file), shown as /dev/null as git does.
 */
export function unifiedDiff(oldPath: string | null, newPath: string | null, before: string, after: string): string {
  const diff = createTwoFilesPatch(
    oldPath === null ? '/dev/null' : `a/${oldPath}`,
    newPath === null ? '/dev/null' : `b/${newPath}`,
    before,
    after,
    undefined,
    undefined,
    { context: 3, headerOptions: FILE_HEADERS_ONLY, maxEditLength: MAX_EDIT_LENGTH },
  )
  if (diff === undefined) {
    return `(the change is too large to show as a diff: ${lineCount(before)} lines before, ${lineCount(after)} after)`
  }
  return capOutput(diff, MAX_DIFF_CHARS)
}
