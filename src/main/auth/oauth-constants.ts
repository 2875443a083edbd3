/** Wire constants of "Sign in with ChatGPT" (shared/protocol/codex.md §0, §1.1). */

/** Codex's public client id; the issuer only redirects to the loopback URIs registered for it. */
export const CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann'
export const SCOPES = 'openid profile email offline_access'
/** The second loopback port on the issuer's redirect allow-list; only a 1455 login may move there. */
export const ALLOWED_DEFAULT_PORT = 1455
export const ALLOWED_FALLBACK_PORT = 1457
/** Refresh this long before the access token expires, so a request never leaves with a dying token. */
export const REFRESH_MARGIN_MS = 30_000
export const LOGIN_TIMEOUT_MS = 5 * 60_000

export function redirectUriFor(port: number): string {
  return `http://localhost:${port}/auth/callback`
}
