/**
 * What the Electron preload needs: the two IPC channel names that carry the contract and the shape of
 * `window.codex`. Only types come from the contract (erased at build time), so the preload bundles without zod:
 * a sandboxed preload's `require` knows nothing but `electron`, `events`, `timers` and `url`.
 */
import type { Result } from './errors'
import type { EventChannel, EventPayload, RequestChannel, RequestInput, RequestOutput } from './ipc-contract'

/** The Electron IPC channel names that carry the contract. */
export const IPC_INVOKE = 'codex:invoke'
export const IPC_EVENT_PREFIX = 'codex:event:'

/** Args of `invoke` for a channel: channels without a payload take none. */
export type InvokeArgs<C extends RequestChannel> =
  undefined extends RequestInput<C> ? [payload?: RequestInput<C>] : [payload: RequestInput<C>]

/** The API the preload exposes as `window.codex` (and the web harness's WebSocket client implements). */
export interface CodexApi {
  invoke<C extends RequestChannel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<RequestOutput<C>>>
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
