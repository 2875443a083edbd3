/** Room for the note below: output a tool already cut itself fits within `cap + NOTE_ROOM`. */
const NOTE_ROOM = 200

/** Keeps the first `cap` characters and says how much was left out, so the model knows the output is partial. */
export function capOutput(text: string, cap: number, totalLength = text.length): string {
  if (totalLength <= cap) return text
  return `${text.slice(0, cap)}\n[output truncated: showing the first ${cap} of ${totalLength} characters]`
}

/** The registry's backstop: leaves output a tool already cut (with its note) alone, cuts anything longer. */
export function enforceCap(text: string, cap: number): string {
  return text.length > cap + NOTE_ROOM ? capOutput(text, cap) : text
}
