/** A link the app may hand to the system browser: http(s) only, never `file:`, `javascript:` or a custom scheme. */
export function isWebUrl(url: string | undefined): url is string {
  if (!url) return false
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}
