/**
 * The typed client the stores use: it unwraps `Result` into a value or throws an `AppErrorException`, so a store
 * can `try { await call(...) } catch (e) { toAppError(e) }` and act on the error's kind.
 */

import { AppErrorException, toAppError } from '../../shared/errors'
import type {
  CodexApi,
  EventChannel,
  EventPayload,
  InvokeArgs,
  RequestChannel,
  RequestOutput,
} from '../../shared/ipc-contract'

let installedApi: CodexApi | null = null

/** Set once at start-up (main.tsx) or per test. */
export function installCodexApi(api: CodexApi): void {
  installedApi = api
}

function currentApi(): CodexApi {
  if (!installedApi) throw new AppErrorException({ kind: 'internal', message: 'The app is not connected yet.' })
  return installedApi
}

export async function call<C extends RequestChannel>(channel: C, ...args: InvokeArgs<C>): Promise<RequestOutput<C>> {
  const result = await currentApi()
    .invoke(channel, ...args)
    .catch((error: unknown) => {
      // A transport that rejects instead of answering with a Result still yields a typed error.
      throw new AppErrorException({ ...toAppError(error), kind: 'network' })
    })
  if (!result.ok) throw new AppErrorException(result.error)
  return result.value
}

export function onEvent<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return currentApi().on(event, listener)
}
