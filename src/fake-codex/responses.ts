import { createHash } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import {
  CONTEXT_LENGTH_EXCEEDED,
  contextWindowOf,
  inputTokensFor,
  isSummarizationRequest,
  summaryScenario,
} from './context-window'
import type { FakeAccount, IssuedAccessToken } from './issuer'
import { defaultModelCatalog, type FakeModelInfo } from './models-catalog'
import { checkResponsesBody, lastUserText } from './request-checks'
import { defaultScenario, playScenario, type Scenario } from './scenarios'
import type { RouteHandler } from './server'
import { isTitleRequest, titleScenario } from './titles'
import { type QueuedScenario, quoteToolOutput } from './tool-scenarios'

export type { Scenario } from './scenarios'

export interface FakeResponsesDeps {
  verifyAccessToken(token: string): IssuedAccessToken | null
}

/** A request as the fake received it: lower-cased headers and the parsed JSON body (the raw text if it was not JSON). */
export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: unknown
}

/** The fake Codex backend: `/backend-api/codex/responses` and `/models`. */
export interface FakeResponses {
  handle: RouteHandler
  /** Ends every open stream (server shutdown). */
  abortAll(): void
  /** Every `/responses` request, in arrival order, including rejected ones. */
  readonly requests: RecordedRequest[]
  /** Every `/models` request. */
  readonly modelRequests: RecordedRequest[]
  /** Every title request (the app's small request after a first answer); they are not in `requests`. */
  readonly titleRequests: RecordedRequest[]
  /** The title the fake writes for title requests from now on; null: one made from the user's words. */
  setTitle(title: string | null): void
  /**
   * Queues the answer for a coming request (FIFO); the default echo answer plays when the queue is empty. Requests
   * over the model's context window, summarisation requests (compaction) and title requests take none: the fake
   * answers them itself.
   */
  enqueue(...scenarios: QueuedScenario[]): void
  /** Keep-alive comments sent by idle trickles so far. */
  readonly keepAlivesSent: number
  /** Lets every answer held by `holdAfterDeltas` go on, now and from now on (until `reset`). */
  release(): void
  /** Drops queued scenarios, recorded requests and model overrides, and closes the gate `release` opened. */
  reset(): void
  /** Accepts `token` for `account` without the issuer (tests that do not sign in). */
  acceptToken(token: string, account: FakeAccount): void
  /** Replaces the `/models` list. */
  setModels(models: FakeModelInfo[]): void
  /** Makes `/models` answer with this status (and body) until called with null. */
  failModels(failure: { status: number; body?: string } | null): void
  /** Replaces the answer played when the queue is empty (`npm run demo` plays a richer, paced one). */
  setDefaultScenario(factory: (lastUserText: string) => Scenario): void
}

const PREFIX = '/backend-api/codex'

export function createFakeResponses(deps: FakeResponsesDeps): FakeResponses {
  const requests: RecordedRequest[] = []
  const modelRequests: RecordedRequest[] = []
  const titleRequests: RecordedRequest[] = []
  let chosenTitle: string | null = null
  const queue: QueuedScenario[] = []
  const staticTokens = new Map<string, FakeAccount>()
  const open = new Set<ServerResponse>()
  let models = defaultModelCatalog()
  let modelsFailure: { status: number; body?: string } | null = null
  let makeDefaultScenario = defaultScenario
  let gate = createGate()
  let keepAlivesSent = 0

  // As the real backend: only what `/models` lists is served; a retired slug is refused like an unknown one.
  const isServedModel = (slug: string) => models.some((entry) => entry.slug === slug)

  function authorize(req: IncomingMessage, res: ServerResponse): boolean {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1]
    const account = token ? (staticTokens.get(token) ?? deps.verifyAccessToken(token)?.account) : undefined
    if (!account) {
      sendJson(res, 401, {
        error: {
          message: 'Your authentication token has expired. Please try signing in again.',
          code: 'token_expired',
        },
      })
      return false
    }
    if (req.headers['chatgpt-account-id'] !== account.accountId) {
      sendJson(res, 403, { detail: 'The chatgpt-account-id header does not match the signed-in account.' })
      return false
    }
    return true
  }

  function nextScenario(userText: string): QueuedScenario {
    const head = queue[0]
    if (!head) return makeDefaultScenario(userText)
    if ((head.times ?? 1) > 1) head.times = (head.times ?? 1) - 1
    else queue.shift()
    return head
  }

  async function handleResponses(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const raw = await readBody(req)
    let parsed: unknown = raw
    try {
      parsed = JSON.parse(raw)
    } catch {
      // Kept as text; the checks below reject it.
    }
    const recorded = { method: req.method ?? 'POST', path, headers: req.headers, body: parsed }
    const asksForTitle =
      typeof parsed === 'object' && parsed !== null && isTitleRequest(parsed as Record<string, unknown>)
    ;(asksForTitle ? titleRequests : requests).push(recorded)
    if (!authorize(req, res)) return
    const checked = checkResponsesBody(raw, isServedModel)
    if (!checked.ok) {
      sendJson(res, checked.status, { detail: checked.detail })
      return
    }
    const window = contextWindowOf(String(checked.body.model), models)
    // Refused before anything is generated, so it takes no scripted answer; a summary is the fake's own to write.
    const scenario =
      window !== undefined && inputTokensFor(raw.length) > window
        ? CONTEXT_LENGTH_EXCEEDED
        : isSummarizationRequest(checked.body)
          ? summaryScenario(checked.body.input)
          : asksForTitle
            ? titleScenario(checked.body.input, chosenTitle)
            : nextScenario(lastUserText(checked.body.input))
    const played = scenario.kind === 'quote-tool-output' ? quoteToolOutput(scenario, checked.body.input) : scenario
    await playScenario(played, res, {
      inputChars: raw.length,
      model: String(checked.body.model),
      track(stream) {
        open.add(stream)
        stream.on('close', () => open.delete(stream))
      },
      released: () => gate.opened,
      keptAlive: () => {
        keepAlivesSent++
      },
    })
  }

  function handleModels(req: IncomingMessage, res: ServerResponse, url: URL): void {
    modelRequests.push({
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: req.headers,
      body: null,
    })
    if (!authorize(req, res)) return
    if (!url.searchParams.get('client_version')) {
      sendJson(res, 400, { detail: 'missing client_version' })
      return
    }
    if (modelsFailure) {
      res.writeHead(modelsFailure.status, { 'content-type': 'application/json' })
      res.end(modelsFailure.body ?? JSON.stringify({ detail: 'Models are unavailable.' }))
      return
    }
    const body = JSON.stringify({ models })
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`
    res.writeHead(200, { 'content-type': 'application/json', etag })
    res.end(body)
  }

  return {
    requests,
    modelRequests,
    titleRequests,
    get keepAlivesSent() {
      return keepAlivesSent
    },
    setTitle(title) {
      chosenTitle = title
    },
    async handle(req, res, url) {
      if (url.pathname === `${PREFIX}/responses` && req.method === 'POST') {
        await handleResponses(req, res, url.pathname)
        return true
      }
      if (url.pathname === `${PREFIX}/models` && req.method === 'GET') {
        handleModels(req, res, url)
        return true
      }
      return false
    },
    abortAll() {
      for (const stream of open) stream.destroy()
      open.clear()
    },
    enqueue(...scenarios) {
      queue.push(...scenarios.map((scenario) => ({ ...scenario })))
    },
    release() {
      gate.open()
    },
    reset() {
      gate = createGate()
      queue.length = 0
      requests.length = 0
      modelRequests.length = 0
      titleRequests.length = 0
      keepAlivesSent = 0
      chosenTitle = null
      models = defaultModelCatalog()
      modelsFailure = null
    },
    acceptToken(token, account) {
      staticTokens.set(token, account)
    },
    setModels(list) {
      models = list
    },
    failModels(failure) {
      modelsFailure = failure
    },
    setDefaultScenario(factory) {
      makeDefaultScenario = factory
    },
  }
}

/** A promise that settles once `open` is called (Node 20 has no Promise.withResolvers). */
function createGate(): { opened: Promise<void>; open(): void } {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
