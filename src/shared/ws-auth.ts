/**
 * The web harness's per-launch token travels as a WebSocket subprotocol, never in the URL: browsers print the URL
 * of a socket that failed to connect in the page's console, where anyone looking over a shoulder can read it.
 */
export const WS_APP_PROTOCOL = 'codex-desk'
const TOKEN_PREFIX = 'token.'

/** What the page offers: the app's protocol, which the server selects, and the token, which it only checks. */
export function wsProtocols(token: string): string[] {
  return [WS_APP_PROTOCOL, `${TOKEN_PREFIX}${token}`]
}

/** The token among the offered subprotocols (`Sec-WebSocket-Protocol`), or null. */
export function tokenFromProtocols(header: string | undefined): string | null {
  const offered = (header ?? '').split(',').map((value) => value.trim())
  const token = offered.find((value) => value.startsWith(TOKEN_PREFIX))
  return token ? token.slice(TOKEN_PREFIX.length) : null
}
