import { AppErrorException, fail } from '../../shared/errors'
import { UnreadableConversationError } from './conversation-file'
import { NewerRecordVersionError } from './migrations'

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Turns a failed read of a conversation file into an error the user can act on. */
export function readFailure(error: unknown): never {
  if (error instanceof AppErrorException) throw error
  if (error instanceof NewerRecordVersionError) {
    fail('storage', 'This conversation was saved by a newer version of Codex Desk. Update the app to open it.')
  }
  if (error instanceof UnreadableConversationError) {
    fail('storage', 'This conversation file is damaged and cannot be opened.')
  }
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') fail('not-found', 'This conversation no longer exists.')
  return fail('storage', `Could not read the conversation: ${describeError(error)}`)
}

export function writeFailure(error: unknown): never {
  if (error instanceof AppErrorException) throw error
  return fail('storage', `Could not save the conversation: ${describeError(error)}`, { retryable: true })
}
