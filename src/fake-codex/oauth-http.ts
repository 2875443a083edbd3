import type { IncomingMessage, ServerResponse } from 'node:http'

const MAX_BODY_BYTES = 64 * 1024

export type BodyEncoding = 'form' | 'json'

/** A token request's fields and how they were encoded; null when the body is neither form nor a JSON object. */
export async function readOAuthBody(
  req: IncomingMessage,
): Promise<{ encoding: BodyEncoding; fields: Record<string, string> } | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  const type = req.headers['content-type'] ?? ''
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { encoding: 'form', fields: Object.fromEntries(new URLSearchParams(text)) }
  }
  if (type.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
      const fields = Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      return { encoding: 'json', fields: Object.fromEntries(fields) }
    } catch {
      return null
    }
  }
  return null
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(text)
}
