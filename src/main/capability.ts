import type { RequestChannel } from '../shared/ipc-contract'
import type { Handlers } from './ipc/dispatcher'

/** What each capability folder hands to the composition root: its share of the handlers, and how to stop. */
export interface Capability<C extends RequestChannel> {
  handlers: Pick<Handlers, C>
  dispose(): Promise<void>
}
