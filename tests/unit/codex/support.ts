import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type FakeCodex, startFakeCodex } from '../../../src/fake-codex/server'
import { clientIdentity } from '../../../src/main/client-identity'
import { type CodexClientDeps, createCodexClient } from '../../../src/main/codex/client'
import type { RetryNow } from '../../../src/main/codex/retry'
import type { CodexClient, ResponsesRequest, StreamEvent, StreamOutcome } from '../../../src/main/codex/types'
import type { AccessCredentials, TokenProvider } from '../../../src/main/ports'
import type { RetryNotice, UsageLimits } from '../../../src/shared/domain'
import { type AppError, AppErrorException, appError } from '../../../src/shared/errors'
import type { FakeClock } from '../../support/fake-clock'

export { type FakeClock, fakeClock } from '../../support/fake-clock'

export const ACCOUNT = { email: 'ada@example.com', accountId: 'acct-test-1', plan: 'plus' }
export const GOOD_TOKEN = 'test-access-token'

/** The fake with a static token (the issuer is not needed to exercise the Responses endpoint). */
export async function startFake(): Promise<FakeCodex> {
  const fake = await startFakeCodex()
  fake.responses.acceptToken(GOOD_TOKEN, ACCOUNT)
  return fake
}

export interface TestTokens extends TokenProvider {
  refreshes: number
}

/** Hands out `initial`, and `afterRefresh` once refreshed after a 401. */
export function testTokens(initial = GOOD_TOKEN, afterRefresh = GOOD_TOKEN): TestTokens {
  let current: AccessCredentials = { accessToken: initial, accountId: ACCOUNT.accountId }
  const tokens: TestTokens = {
    refreshes: 0,
    async getCredentials() {
      return current
    },
    async refreshAfterUnauthorized() {
      tokens.refreshes += 1
      current = { accessToken: afterRefresh, accountId: ACCOUNT.accountId }
      return current
    },
  }
  return tokens
}

export const signedOut: TokenProvider = {
  getCredentials: () => Promise.reject(new AppErrorException(appError('not-signed-in', 'Sign in first.'))),
  refreshAfterUnauthorized: () => Promise.reject(new AppErrorException(appError('sign-in-again', 'Sign in again.'))),
}

export function makeClient(fake: FakeCodex, overrides: Partial<CodexClientDeps> = {}, settings = {}): CodexClient {
  return createCodexClient({
    baseUrl: fake.baseUrl,
    tokens: testTokens(),
    identity: clientIdentity('codex_desk', '1.2.3'),
    settings: () => ({
      maxRetries: 3,
      retryBaseDelayMs: 10,
      streamIdleTimeoutMs: 5_000,
      modelsClientVersion: '1.0.0',
      ...settings,
    }),
    ...overrides,
  })
}

export function request(overrides: Partial<ResponsesRequest> = {}): ResponsesRequest {
  return {
    model: 'gpt-5.4',
    instructions: 'You are a helpful assistant.',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello there' }] }],
    tools: [],
    parallelToolCalls: true,
    reasoning: { effort: 'medium', summary: 'auto' },
    conversationId: 'conv-1234',
    ...overrides,
  }
}

/** Resolves once `condition` holds, checking after every turn of the event loop (a state, never a duration). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}

export interface Run {
  events: StreamEvent[]
  retries: RetryNotice[]
  /** With a clock: how long each announced wait was. */
  waits: number[]
  limits: Partial<UsageLimits>[]
  outcome?: StreamOutcome
  error?: AppError
  text: string
}

/** Streams `req` and collects everything the client reported, resolved or rejected. */
export async function run(
  client: CodexClient,
  req: ResponsesRequest = request(),
  hooks: {
    signal?: AbortSignal
    onEvent?: (event: StreamEvent) => void
    onRetry?: (notice: RetryNotice) => void
    /** Lets each announced wait pass on this clock as soon as it began. */
    clock?: FakeClock
    retryNow?: RetryNow
  } = {},
): Promise<Run> {
  const result: Run = { events: [], retries: [], waits: [], limits: [], text: '' }
  try {
    result.outcome = await client.stream(req, {
      signal: hooks.signal ?? new AbortController().signal,
      onEvent: (event) => {
        result.events.push(event)
        if (event.type === 'text-delta') result.text += event.delta
        hooks.onEvent?.(event)
      },
      onRetry: (notice) => {
        result.retries.push(notice)
        hooks.onRetry?.(notice)
        const clock = hooks.clock
        // The wait starts right after the notice, in the same turn.
        if (!clock) return
        result.waits.push(notice.retryAt - clock.now())
        queueMicrotask(() => clock.advance(notice.retryAt - clock.now()))
      },
      retryNow: hooks.retryNow,
      onUsageLimits: (limits) => result.limits.push(limits),
    })
  } catch (error) {
    if (!(error instanceof AppErrorException)) throw error
    result.error = error.error
  }
  return result
}

// Copies of the protocol document's example streams, kept in the repository so a plain clone runs every test.
const FIXTURES = fileURLToPath(new URL('../../fixtures/protocol/', import.meta.url))

export function fixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, 'utf8')
}

/** Codex's JSON-array fixtures as a data-only SSE body. */
export function jsonFixtureAsSse(name: string): string {
  const events = JSON.parse(fixture(name)) as unknown[]
  return events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('')
}
