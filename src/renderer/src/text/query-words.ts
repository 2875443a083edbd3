/**
 * The words of what a person typed to find something, lower-cased, each once, longest first (so a longer word is
 * marked whole rather than by a shorter one inside it).
 */
export function queryWords(query: string): string[] {
  return [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))].sort((a, b) => b.length - a.length)
}
