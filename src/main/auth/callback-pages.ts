/** The small pages the browser shows when ChatGPT sends it back to Codex Desk. */

export function successPage(): string {
  return page('Signed in', 'Signed in to Codex Desk. You can close this tab.')
}

export function errorPage(reason: string): string {
  return page('Sign-in failed', reason)
}

/** What an `error` callback means for the user; Codex singles out the missing entitlement (§1.4). */
export function callbackErrorMessage(error: string, description: string | null): string {
  if (error === 'access_denied' && description?.includes('missing_codex_entitlement')) {
    return 'Codex is not enabled for your workspace. Ask your workspace admin to enable Codex, then sign in again.'
  }
  return `Sign-in failed: ${description || error}`
}

function page(title: string, text: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Codex Desk</title>
<style>body{font:16px system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0;color:#222}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>
`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
