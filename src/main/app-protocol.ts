/**
 * The desktop app's page comes from `app://codex-desk/`, a scheme main registers as standard and secure, instead
 * of `file://`: every response carries the CSP header, only files inside the built renderer folder are served, and
 * the page's origin is one that no other file on the disk shares.
 */
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { contentTypeOf, rendererFileFor } from './renderer-files'

export const APP_SCHEME = 'app'
const APP_HOST = 'codex-desk'
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** A URL of the app's own page or one of its files. */
export function isAppProtocolUrl(url: string): boolean {
  return url.startsWith(`${APP_SCHEME}://${APP_HOST}/`)
}

/** Answers `app://codex-desk/<path>` with the file at `<root>/<path>`; anything else is refused. */
export function createAppProtocolHandler(root: string, contentSecurityPolicy: string) {
  return async (url: string): Promise<Response> => {
    if (!isAppProtocolUrl(url)) return new Response(null, { status: 404 })
    const found = rendererFileFor(root, url)
    if ('status' in found) return new Response(null, { status: found.status })
    const { file } = found
    const content = await readFile(file).catch(() => null)
    if (content === null) return new Response(null, { status: 404 })
    return new Response(new Uint8Array(content), {
      status: 200,
      headers: {
        'content-type': contentTypeOf(extname(file)),
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
      },
    })
  }
}
