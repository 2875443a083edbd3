import type { Result } from '../../shared/errors'
import { appError, toAppError } from '../../shared/errors'
import {
  isRequestChannel,
  type RequestChannel,
  type RequestOutput,
  requestChannels,
  type ValidInput,
} from '../../shared/ipc-contract'

export type Handler<C extends RequestChannel> = (input: ValidInput<C>) => Promise<RequestOutput<C>> | RequestOutput<C>
export type Handlers = { [C in RequestChannel]: Handler<C> }
export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>

/**
 * Turns the handler registry into the one entry point both transports (Electron IPC, the harness's WebSocket)
 * call: unknown channels and payloads that fail the contract's schema get a typed error and reach no handler.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (channel, payload) => {
    if (!isRequestChannel(channel)) {
      return { ok: false, error: appError('unknown-channel', `Unknown channel "${channel}".`) }
    }
    const parsed = requestChannels[channel].input.safeParse(payload)
    if (!parsed.success) {
      return {
        ok: false,
        error: appError('invalid-payload', `Invalid payload for "${channel}".`, {
          issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`),
        }),
      }
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown
      const value = await handler(parsed.data)
      return { ok: true, value }
    } catch (error) {
      return { ok: false, error: toAppError(error) }
    }
  }
}
