/**
 * The Codex Responses client (codex.md §0, §2–§5): one request per attempt, decoded into StreamEvents, wrapped in
 * the retry loop (capped backoff with jitter, server delays honoured, a break mid-answer re-sent, 401 refreshed
 * once), and `/models` (null when it cannot be had: the model list decides what to fall back on).
 */
import type { UsageLimits } from '../../shared/domain'
import { AppErrorException, appError } from '../../shared/errors'
import type { ClientIdentity } from '../client-identity'
import type { AccessCredentials, TokenProvider } from '../ports'
import { AttemptError, classifyHttpFailure } from './errors'
import { createModelCatalog } from './models'
import { usageLimitsFromHeaders } from './rate-limits'
import { responsesBody, responsesHeaders } from './request-builder'
import {
  abortableSleep,
  backoffDelay,
  cancelledError,
  MAX_SERVER_WAIT_MS,
  MAX_WAIT_MS,
  type Sleep,
  waitBeforeRetry,
} from './retry'
import { decodeResponseStream, idleTimeout } from './sse-decoder'
import type { CodexClient, ResponsesRequest, StreamEvent, StreamOptions, StreamOutcome } from './types'

export interface CodexClientSettings {
  maxRetries: number
  retryBaseDelayMs: number
  streamIdleTimeoutMs: number
  modelsClientVersion: string
}

export interface CodexClientDeps {
  /** Without the trailing `/responses`. */
  baseUrl: string
  tokens: TokenProvider
  identity: ClientIdentity
  /** Read at every request, so changed settings apply to the next one. */
  settings(): CodexClientSettings
  fetch?: typeof fetch
  /** Time as the client sees it: the idle deadline, backoff waits and reset times all use these two. */
  now?: () => number
  sleep?: Sleep
  /** Jitter source in [0, 1). */
  random?: () => number
  log?(message: string): void
}

export function createCodexClient(deps: CodexClientDeps): CodexClient {
  const baseUrl = deps.baseUrl.replace(/\/+$/, '')
  const doFetch = deps.fetch ?? globalThis.fetch
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? abortableSleep
  const random = deps.random ?? Math.random
  const log = deps.log ?? (() => {})
  const catalog = createModelCatalog({
    baseUrl,
    tokens: deps.tokens,
    identity: deps.identity,
    clientVersion: () => deps.settings().modelsClientVersion,
    fetch: doFetch,
  })

  /** One HTTP request and its stream. Throws AttemptError for anything the retry loop must judge. */
  async function attempt(
    request: ResponsesRequest,
    credentials: AccessCredentials,
    options: StreamOptions,
    onEvent: (event: StreamEvent) => void,
  ): Promise<StreamOutcome> {
    const { streamIdleTimeoutMs } = deps.settings()
    const controller = new AbortController()
    const abort = () => controller.abort()
    options.signal.addEventListener('abort', abort, { once: true })
    // The idle timeout also covers waiting for the response headers: a server that never answers is idle too.
    let headersIdle = false
    const headersTimer = new AbortController()
    sleep(streamIdleTimeoutMs, headersTimer.signal).then(
      () => {
        headersIdle = true
        controller.abort()
      },
      () => {},
    )
    try {
      let response: Response
      try {
        response = await doFetch(`${baseUrl}/responses`, {
          method: 'POST',
          headers: responsesHeaders(credentials, deps.identity, request.conversationId),
          body: JSON.stringify(responsesBody(request)),
          signal: controller.signal,
        })
      } catch {
        if (options.signal.aborted) throw cancelledError()
        if (headersIdle) throw idleTimeout()
        throw new AttemptError(
          appError('network', 'Could not reach the Codex backend. Check your connection.', { retryable: true }),
          { autoRetry: true },
        )
      } finally {
        headersTimer.abort()
      }

      const limits = usageLimitsFromHeaders(response.headers, now())
      if (limits) options.onUsageLimits?.(limits)

      if (!response.ok || !response.body) {
        const bodyText = await response.text().catch(() => '')
        throw classifyHttpFailure({
          status: response.status,
          headers: response.headers,
          bodyText,
          model: request.model,
          originator: deps.identity.originator,
          now: now(),
        })
      }

      return await decodeResponseStream(response.body, {
        idleTimeoutMs: streamIdleTimeoutMs,
        now,
        sleep,
        log,
        onEvent,
        onUsageLimits: (update: Partial<UsageLimits>) => options.onUsageLimits?.(update),
      })
    } catch (error) {
      if (options.signal.aborted) throw cancelledError()
      throw error
    } finally {
      options.signal.removeEventListener('abort', abort)
      controller.abort()
    }
  }

  async function stream(request: ResponsesRequest, options: StreamOptions): Promise<StreamOutcome> {
    if (options.signal.aborted) throw cancelledError()
    let credentials = await deps.tokens.getCredentials()
    let refreshed = false
    let retries = 0
    /** Some attempt of this request produced output (the user has seen part of an answer). */
    let outputStarted = false
    /** The attempt in flight must void the broken attempt's output before showing its own. */
    let replacing = false
    const onEvent = (event: StreamEvent) => {
      if (event.type !== 'created') {
        if (replacing) options.onEvent({ type: 'output-replaced' })
        replacing = false
        outputStarted = true
      }
      options.onEvent(event)
    }
    for (;;) {
      try {
        return await attempt(request, credentials, options, onEvent)
      } catch (error) {
        if (options.signal.aborted) throw cancelledError()
        if (!(error instanceof AttemptError)) throw error
        if (error.hint.unauthorized) {
          if (refreshed) throw publicError(error)
          refreshed = true
          credentials = await deps.tokens.refreshAfterUnauthorized(credentials)
          continue
        }
        const { maxRetries, retryBaseDelayMs } = deps.settings()
        if (!error.hint.autoRetry) throw publicError(error)
        if (retries >= maxRetries) throw outputStarted ? answerCut(error) : publicError(error)
        const asked = error.hint.delayMs
        if (asked !== undefined && asked > MAX_SERVER_WAIT_MS) throw waitTooLong(error, asked, now())
        retries += 1
        const delay = Math.min(MAX_WAIT_MS, asked ?? backoffDelay(retries, retryBaseDelayMs, random))
        replacing = outputStarted
        options.onRetry?.({
          attempt: retries,
          maxRetries,
          retryAt: now() + delay,
          error: error.error,
          reconnecting: outputStarted,
        })
        await waitBeforeRetry(sleep, delay, options.signal, options.retryNow)
      }
    }
  }

  return {
    stream,
    listModels: (options) => catalog.list(options),
  }
}

/** Callers see a plain AppErrorException; the retry hint is internal. */
function publicError(error: AttemptError): AppErrorException {
  return new AppErrorException(error.error)
}

/** The re-sends are spent and part of an answer is on screen: it stays, marked as cut, and Retry can finish it. */
function answerCut(error: AttemptError): AppErrorException {
  return new AppErrorException({
    ...error.error,
    kind: 'stream-cut',
    message: `The answer was cut off and could not be resumed: ${error.error.message}`,
    retryable: true,
  })
}

/** Nobody sits through a longer wait: the turn ends and says when the backend will take the request again. */
function waitTooLong(error: AttemptError, delayMs: number, now: number): AppErrorException {
  const minutes = Math.ceil(delayMs / 60_000)
  return new AppErrorException({
    ...error.error,
    message: `${error.error.message} The backend asks to wait ${minutes} minutes before trying again.`,
    resetsAt: now + delayMs,
    retryable: false,
  })
}
