/** How much of a file is looked at to tell text from binary (what git looks at, too). */
export const SNIFF_BYTES = 8_000

/** A NUL byte in the first few kilobytes is how git and grep tell a binary file from text. */
export function looksBinary(start: Buffer): boolean {
  return start.subarray(0, SNIFF_BYTES).includes(0)
}
