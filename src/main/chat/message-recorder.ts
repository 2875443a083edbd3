import type { ChatMessage } from '../../shared/domain'

export interface MessageRecorder {
  /** Resolves once this version (or a later one) is written. Never rejects: a failed checkpoint is logged. */
  record(message: ChatMessage): Promise<void>
}

/**
 * Hands the store one write at a time, always the newest version: the store throttles checkpoints itself, but
 * writes overtaking each other could leave an older version on disk after the final one.
 */
export function createMessageRecorder(
  write: (message: ChatMessage) => Promise<void>,
  log: (message: string) => void,
): MessageRecorder {
  let latest: ChatMessage | undefined
  let draining: Promise<void> | undefined

  async function drain(): Promise<void> {
    while (latest) {
      const message = latest
      latest = undefined
      try {
        await write(message)
      } catch (error) {
        log(`Could not record the assistant message: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    draining = undefined
  }

  return {
    record(message) {
      latest = message
      draining ??= drain()
      return draining
    },
  }
}
