import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveStatic } from '../../../src/web/static-files'

let server: Server
let base: string

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'codex-desk-static-'))
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Codex Desk</title>')
  server = createServer((req, res) => {
    serveStatic(root, req, res).catch(() => res.writeHead(500).end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

// Paths that climb out of the page folder and broken percent-encoding are sent to the running harness in
// tests/reliability/harness-exposure.test.ts.
describe('the web harness serving the page', () => {
  it('serves the page with its content security policy', async () => {
    const response = await fetch(`${base}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await response.text()).toContain('<title>Codex Desk</title>')
  })
})
