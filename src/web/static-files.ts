import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { basename, extname } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { contentTypeOf, rendererFileFor } from '../main/renderer-files'
import { contentSecurityPolicy } from '../shared/content-security-policy'

export const WEB_CONTENT_SECURITY_POLICY = contentSecurityPolicy('web')

/** Serves the built renderer; paths outside `root` are refused, unknown paths get index.html's 404. */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  const found = rendererFileFor(root, req.url ?? '/')
  if ('status' in found) {
    res.writeHead(found.status).end()
    return
  }
  const { file } = found
  const info = await stat(file).catch(() => null)
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
    return
  }
  res.writeHead(200, {
    'content-type': contentTypeOf(extname(file)),
    'content-length': info.size,
    'content-security-policy': WEB_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': basename(file) === 'index.html' ? 'no-store' : 'max-age=3600',
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  // The response is already under way: a read error can only cut it short, and pipeline ends both streams.
  await pipeline(createReadStream(file), res).catch(() => res.destroy())
}
