/**
 * The web harness prints a link with `#token=T`. The token is moved to sessionStorage (so a reload keeps working)
 * and removed from the visible URL (so it does not end up in screenshots or shared links).
 */
const STORAGE_KEY = 'codex-desk.web-token'

export function takeSessionToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token')
  if (fromHash) {
    sessionStorage.setItem(STORAGE_KEY, fromHash)
    const { pathname, search } = window.location
    window.history.replaceState(null, '', `${pathname}${search}`)
    return fromHash
  }
  return sessionStorage.getItem(STORAGE_KEY)
}
