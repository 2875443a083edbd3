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

  /** One event, typed: for the services that follow each other in process (a transport takes every event). */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    // `emit` pairs each event with its own payload type, so the payload of `event` is an `EventPayload<E>`.
    return this.subscribe((name, payload) => {
      if (name === event) listener(payload as EventPayload<E>)
    })
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber)
    return () => this.subscribers.delete(subscriber)
  }
}
