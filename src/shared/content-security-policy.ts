/**
 * The one source of the renderer's content security policy. The Electron app and the web harness send it as a
 * response header; the build writes it into index.html's meta tag (minus what a meta tag cannot carry), so the two
 * never drift apart. The shells differ only in where the page may connect.
 */
export type RendererShell = 'electron' | 'web'

/** The web harness's page talks to main over a WebSocket on loopback. */
const CONNECT_SOURCES: Record<RendererShell, string[]> = { electron: [], web: ['ws://127.0.0.1:*'] }

export interface PolicyOptions {
  /**
   * A development server (electron-vite dev, never a packaged app) injects React Refresh's inline preamble, which
   * only an inline-script allowance lets run.
   */
  development?: boolean
}

export function contentSecurityPolicy(shell: RendererShell, options: PolicyOptions = {}): string {
  return directives(shell, options).join('; ')
}

/** The policy as index.html's meta tag carries it: browsers ignore `frame-ancestors` there and log an error. */
export function metaContentSecurityPolicy(shell: RendererShell, options: PolicyOptions = {}): string {
  return directives(shell, options)
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ')
}

function directives(shell: RendererShell, { development = false }: PolicyOptions): string[] {
  return [
    "default-src 'self'",
    development ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...CONNECT_SOURCES[shell]].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ]
}
