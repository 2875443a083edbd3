/**
 * The Codex Responses client (codex.md §2–§5): one request per attempt, decoded into StreamEvents, wrapped in the
 * retry loop (backoff with jitter, server delays honoured, 401 refreshed once), and `/models` with its fallback.
 */
import type { UsageLimits } from '../../shared/domain'
import { AppErrorException, appError } from '../../shared/errors'
import type { AccessCredentials, TokenProvider } from '../ports'
import { AttemptError, classifyHttpFailure } from './errors'
import { createModelCatalog } from './models'
import { usageLimitsFromHeaders } from './rate-limits'
import { responsesBody, responsesHeaders } from './request-builder'
import { abortableSleep, backoffDelay, cancelledError, type Sleep } from './retry'
import { decodeResponseStream, idleTimeout } from './sse-decoder'
import type { CodexClient, ResponsesRequest, StreamOptions, StreamOutcome } from './types'

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
  appVersion: string
  /** Read at every request, so changed settings apply to the next one. */
  settings(): CodexClientSettings
  fetch?: typeof fetch
  now?: () => number
  sleep?: Sleep
  /** Jitter source in [0, 1). */
  random?: () => number
}

export function createCodexClient(deps: CodexClientDeps): CodexClient {
  const baseUrl = deps.baseUrl.replace(/\/+$/, '')
  const doFetch = deps.fetch ?? globalThis.fetch
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? abortableSleep
  const random = deps.random ?? Math.random
  const catalog = createModelCatalog({
    baseUrl,
    tokens: deps.tokens,
    appVersion: deps.appVersion,
    clientVersion: () => deps.settings().modelsClientVersion,
    fetch: doFetch,
  })

  /** One HTTP request and its stream. Throws AttemptError for anything the retry loop must judge. */
  async function attempt(
    request: ResponsesRequest,
    credentials: AccessCredentials,
    options: StreamOptions,
    markOutput: () => void,
  ): Promise<StreamOutcome> {
    const { streamIdleTimeoutMs } = deps.settings()
    const controller = new AbortController()
    const abort = () => controller.abort()
    options.signal.addEventListener('abort', abort, { once: true })
    // The idle timeout also covers waiting for the response headers: a server that never answers is idle too.
    let headersIdle = false
    const headersTimer = setTimeout(() => {
      headersIdle = true
      controller.abort()
    }, streamIdleTimeoutMs)
    try {
      let response: Response
      try {
        response = await doFetch(`${baseUrl}/responses`, {
          method: 'POST',
          headers: responsesHeaders(credentials, deps.appVersion, request.conversationId),
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
        clearTimeout(headersTimer)
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
          now: now(),
        })
      }

      return await decodeResponseStream(response.body, {
        idleTimeoutMs: streamIdleTimeoutMs,
        now,
        onEvent(event) {
          if (event.type !== 'created') markOutput()
          options.onEvent(event)
        },
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
    let outputStarted = false
    for (;;) {
      try {
        return await attempt(request, credentials, options, () => {
          outputStarted = true
        })
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
        // Once output reached the runner, replaying would duplicate it: the runner keeps the partial answer instead.
        if (!error.hint.autoRetry || outputStarted || retries >= maxRetries) throw publicError(error)
        retries += 1
        const delay = error.hint.delayMs ?? backoffDelay(retries, retryBaseDelayMs, random)
        options.onRetry?.({ attempt: retries, maxRetries, retryAt: now() + delay, error: error.error })
        await sleep(delay, options.signal)
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
