import type { EventChannel, EventPayload } from '../../shared/ipc-contract'

export interface EventSink {
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void
}

type Subscriber = (event: EventChannel, payload: unknown) => void

/** Fans main's events out to every connected renderer (Electron windows, harness sockets). */
export class EventHub implements EventSink {
  private readonly subscribers = new Set<Subscriber>()

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const subscriber of this.subscribers) subscriber(event, payload)
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber)
    return () => this.subscribers.delete(subscriber)
  }
}
