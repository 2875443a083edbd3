import { join, normalize, sep } from 'node:path'

/** What the built renderer is made of, by file extension: both shells serve it with these types. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
}

export function contentTypeOf(extension: string): string {
  return CONTENT_TYPES[extension] ?? 'application/octet-stream'
}

/**
 * The file of the built renderer a request URL names (`/` is index.html): `{ status: 400 }` when its
 * percent-encoding is broken, `{ status: 403 }` when it would leave `root`.
 */
export function rendererFileFor(root: string, url: string): { file: string } | { status: 400 | 403 } {
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url, 'http://127.0.0.1').pathname)
  } catch {
    return { status: 400 }
  }
  const base = normalize(root)
  const file = join(base, normalize(pathname === '/' ? '/index.html' : pathname))
  return file.startsWith(base + sep) ? { file } : { status: 403 }
}
