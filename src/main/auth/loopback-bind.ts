import { createServer, type RequestListener, type Server } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import { fail } from '../../shared/errors'

/** How hard to fight for a busy port; Codex's values (§1.4) unless a test wants it quicker. */
export interface BindRetry {
  attempts: number
  delayMs: number
  cancelTimeoutMs: number
}

export const CODEX_BIND_RETRY: BindRetry = { attempts: 10, delayMs: 200, cancelTimeoutMs: 2000 }

export interface BindOptions {
  port: number
  /** Where to go when `port` stays busy; null: nowhere. */
  fallbackPort: number | null
  handler: RequestListener
  retry: BindRetry
}

// EACCES: on Windows the port may fall inside a Hyper-V excluded range (§6.1); to the user that is "busy" too.
const BUSY = new Set(['EADDRINUSE', 'EACCES'])

/** Binds 127.0.0.1 like Codex: a busy port is first asked to `/cancel` (a stale login server), then retried. */
export async function bindLoopback(options: BindOptions): Promise<{ server: Server; port: number }> {
  const ports = options.fallbackPort === null ? [options.port] : [options.port, options.fallbackPort]
  for (const port of ports) {
    const server = await bindWithRetries(port, options)
    if (server) return { server, port }
  }
  fail('port-busy', portBusyMessage(ports))
}

async function bindWithRetries(port: number, options: BindOptions): Promise<Server | null> {
  for (let attempt = 0; ; attempt++) {
    const server = await listen(port, options.handler)
    if (server) return server
    if (attempt === options.retry.attempts) return null
    if (attempt === 0) await askStaleLoginToCancel(port, options.retry.cancelTimeoutMs)
    await delay(options.retry.delayMs)
  }
}

function listen(port: number, handler: RequestListener): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler)
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code && BUSY.has(error.code)) resolve(null)
      else reject(error)
    })
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

async function askStaleLoginToCancel(port: number, timeoutMs: number): Promise<void> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/cancel`, { signal: AbortSignal.timeout(timeoutMs) })
    await response.body?.cancel()
  } catch {
    // Whatever holds the port is not a login server that listens to /cancel; the retries decide.
  }
}

function portBusyMessage(ports: number[]): string {
  const urls = ports.map((port) => `http://localhost:${port}`).join(' or ')
  const subject =
    ports.length === 1
      ? `Port ${ports[0]} is in use by another program. Sign-in needs it`
      : `Ports ${ports.join(' and ')} are in use by other programs. Sign-in needs one of them`
  return `${subject} because ChatGPT only returns to ${urls}. Close the other Codex client and try again.`
}
