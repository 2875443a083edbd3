import type {
  CodexClient,
  ResponsesRequest,
  RetryNotice,
  StreamEvent,
  StreamOptions,
  StreamOutcome,
} from '../../../../src/main/codex/types'
import type { ModelSpec, UsageLimits } from '../../../../src/shared/domain'
import { type AppError, AppErrorException, appError } from '../../../../src/shared/errors'

/** One scripted response: its events, then how it ends. */
export interface Script {
  events: StreamEvent[]
  /** How the stream ends after its events: completed (default), an error, or never (until aborted). */
  end?: StreamOutcome | { error: AppError } | 'hang'
  /** Called when the request arrives, before any event (e.g. to inspect the store). */
  onRequest?(request: ResponsesRequest): void | Promise<void>
  /** Retry notices announced before the events. */
  retries?: RetryNotice[]
  /** Usage windows reported (as from rate-limit headers) before the events. */
  usageLimits?: Partial<UsageLimits>
}

/** A CodexClient that replays scripted events, one script per request, and keeps the requests it got. */
export function createScriptedClient(models: ModelSpec[] = []) {
  const queue: Script[] = []
  const requests: ResponsesRequest[] = []
  const cancelled = () => new AppErrorException(appError('cancelled', 'Stopped.'))

  async function stream(request: ResponsesRequest, options: StreamOptions): Promise<StreamOutcome> {
    requests.push(structuredClone(request))
    const script = queue.shift()
    if (!script) throw new AppErrorException(appError('internal', 'No scripted response left.'))
    await script.onRequest?.(request)
    for (const notice of script.retries ?? []) options.onRetry?.(notice)
    if (script.usageLimits) options.onUsageLimits?.(script.usageLimits)
    for (const event of script.events) {
      await new Promise((resolve) => setImmediate(resolve))
      if (options.signal.aborted) throw cancelled()
      options.onEvent(event)
    }
    await new Promise((resolve) => setImmediate(resolve))
    if (options.signal.aborted) throw cancelled()
    const end = script.end ?? { status: 'completed' }
    if (end === 'hang') {
      await new Promise((resolve) => options.signal.addEventListener('abort', resolve, { once: true }))
      throw cancelled()
    }
    if ('error' in end) throw new AppErrorException(end.error)
    return end
  }

  const client: CodexClient = { stream, listModels: async () => models }
  return { client, requests, enqueue: (...scripts: Script[]) => queue.push(...scripts) }
}
