import type { Result } from '../../shared/errors'
import type { CodexApi, RequestOutput } from '../../shared/ipc-contract'
import type { Dispatch } from './dispatcher'
import type { EventHub } from './event-hub'

/**
 * The contract as a typed API inside the process: what the demo and the tests call. It goes through the same
 * dispatcher as Electron IPC and the WebSocket, so a payload is validated here exactly as it is from a renderer.
 */
export function createInProcessApi(dispatch: Dispatch, events: EventHub): CodexApi {
  return {
    invoke: (channel, ...args) =>
      // The dispatcher answers `channel` with its own handler, whose result is a `RequestOutput` of that channel.
      dispatch(channel, args[0]) as Promise<Result<RequestOutput<typeof channel>>>,
    on: (event, listener) => events.on(event, listener),
  }
}
