/**
 * The models the signed-in account can use, as main knows them now (codex.md §0 "models"): fetched whenever an
 * account becomes signed in (start-up while signed in, sign-in, a change of account) and refreshed at most hourly
 * after; the account's cached list stands in until the first fetch returns; signed out, or with neither a fetch
 * nor a cache, the built-in registry. Every change of the list is announced, so the renderer follows without a reload.
 */
import type { AccountState, ModelSpec } from '../../shared/domain'
import { BUILTIN_MODELS } from '../../shared/models'
import { type Clock, systemClock } from '../clock'
import type { ModelCache } from './model-cache'

/** A fetched list is refreshed after this long. */
export const MODELS_REFRESH_MS = 60 * 60 * 1000
/** After a failed fetch, the next try; sooner than the hourly refresh so a brief outage does not last an hour. */
export const MODELS_RETRY_MS = 5 * 60 * 1000
/** A fetch that has not answered by then counts as failed, so a turn waiting for the list is not held for long. */
const FETCH_TIMEOUT_MS = 15_000

/** The sign-in as main sees it, and its changes. */
export interface AccountFeed {
  current(): AccountState
  onChange(listener: (account: AccountState) => void): () => void
}

export interface ModelListDeps {
  /** The signed-in account's list from the backend, null when it cannot be had. */
  fetchList(signal: AbortSignal): Promise<ModelSpec[] | null>
  cache: ModelCache
  accounts: AccountFeed
  onChange(models: ModelSpec[]): void
  clock?: Clock
  log?(message: string): void
}

export interface ModelList {
  /** The list as it stands, without waiting. */
  current(): ModelSpec[]
  /** Loads the signed-in account's cached list and starts fetching a fresh one; resolves once the cache is read. */
  start(): Promise<void>
  /** The list a request should be planned with: waits for a fetch in flight, and refreshes a list older than an hour. */
  settled(): Promise<ModelSpec[]>
  dispose(): void
}

export function createModelList(deps: ModelListDeps): ModelList {
  const clock = deps.clock ?? systemClock
  const log = deps.log ?? (() => {})
  let models: ModelSpec[] = [...BUILTIN_MODELS]
  let accountId: string | null = null
  /** When the current account's list was last fetched; null: not yet in this run. */
  let fetchedAt: number | null = null
  /** Bumped on every change of account, so an answer for the previous account is dropped. */
  let generation = 0
  let inFlight: Promise<void> | null = null
  let cancelTimer: () => void = () => {}
  let disposed = false

  function publish(next: ModelSpec[]): void {
    if (JSON.stringify(next) === JSON.stringify(models)) return
    models = next
    deps.onChange(models)
  }

  function scheduleNext(delayMs: number): void {
    cancelTimer()
    if (disposed || accountId === null) return
    cancelTimer = clock.schedule(delayMs, () => void fetchNow())
  }

  function fetchNow(): Promise<void> {
    if (inFlight) return inFlight
    const forAccount = accountId
    const forGeneration = generation
    if (forAccount === null) return Promise.resolve()
    const attempt = (async () => {
      const list = await deps.fetchList(AbortSignal.timeout(FETCH_TIMEOUT_MS)).catch(() => null)
      if (forGeneration !== generation || disposed) return
      if (!list) {
        log('Could not fetch the model list; using the cached or built-in one until the next try.')
        scheduleNext(MODELS_RETRY_MS)
        return
      }
      fetchedAt = clock.now()
      scheduleNext(MODELS_REFRESH_MS)
      // Cached before it is announced: whoever sees the new list can rely on the next start seeing it too.
      await deps.cache.write(forAccount, list, fetchedAt).catch((error: unknown) => {
        log(`Could not cache the model list: ${error instanceof Error ? error.message : String(error)}`)
      })
      if (forGeneration === generation && !disposed) publish(list)
    })()
    const tracked: Promise<void> = attempt.finally(() => {
      if (inFlight === tracked) inFlight = null
    })
    inFlight = tracked
    return tracked
  }

  /** A new account (or none): its cached list at once, then a fetch. */
  async function switchTo(next: string | null): Promise<void> {
    generation += 1
    accountId = next
    fetchedAt = null
    inFlight = null
    cancelTimer()
    if (next === null) {
      publish([...BUILTIN_MODELS])
      return
    }
    const forGeneration = generation
    void fetchNow()
    const cached = await deps.cache.read(next)
    // The fetch may have answered first; then it is newer than the cache.
    if (forGeneration === generation && fetchedAt === null) publish(cached ?? [...BUILTIN_MODELS])
  }

  let stopWatching: () => void = () => {}

  return {
    current: () => models,
    async start() {
      stopWatching = deps.accounts.onChange((account) => {
        const next = account.accountId ?? null
        if (next !== accountId) void switchTo(next)
      })
      await switchTo(deps.accounts.current().accountId ?? null)
    },
    async settled() {
      // A timer can sleep through the hour (a closed laptop): a request is not planned on a list that old.
      if (fetchedAt !== null && clock.now() - fetchedAt >= MODELS_REFRESH_MS) void fetchNow()
      if (inFlight) await inFlight
      return models
    },
    dispose() {
      disposed = true
      stopWatching()
      cancelTimer()
    },
  }
}
