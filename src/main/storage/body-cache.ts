/** The most recently used conversation bodies, so a chat being written does not re-read its file per message. */
export interface BodyCache<T> {
  get(id: string): T | undefined
  set(id: string, body: T): void
  delete(id: string): void
}

export function createBodyCache<T>(capacity: number): BodyCache<T> {
  const bodies = new Map<string, T>()
  return {
    get(id) {
      const body = bodies.get(id)
      if (body !== undefined) {
        // Map keeps insertion order: re-inserting marks the body as the most recently used.
        bodies.delete(id)
        bodies.set(id, body)
      }
      return body
    },
    set(id, body) {
      bodies.delete(id)
      bodies.set(id, body)
      if (bodies.size > capacity) bodies.delete(bodies.keys().next().value as string)
    },
    delete(id) {
      bodies.delete(id)
    },
  }
}
