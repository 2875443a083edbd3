/** An error as the user can act on it: when a usage limit resets, another model, or signing in again. */
import type { AppError } from '../../../../shared/errors'
import { formatResetTime } from '../../format'
import { MODEL_SELECT_ID, useUiStore } from '../../stores/ui-store'

export function ErrorDetails({ error }: { error: AppError }) {
  const openSettings = useUiStore((state) => state.openSettings)
  return (
    <>
      <span>{error.message}</span>
      {error.kind === 'usage-limit' && error.resetsAt !== undefined && (
        <span> The limit resets at {formatResetTime(error.resetsAt)}.</span>
      )}
      {error.kind === 'rate-limited' && error.resetsAt !== undefined && (
        <span> Try again after {formatResetTime(error.resetsAt)}.</span>
      )}
      {(error.kind === 'model-rejected' || error.kind === 'model-overloaded') && (
        <button type="button" className="link-button" onClick={() => document.getElementById(MODEL_SELECT_ID)?.focus()}>
          Choose another model
        </button>
      )}
      {(error.kind === 'not-signed-in' || error.kind === 'sign-in-again') && (
        <button type="button" className="link-button" onClick={openSettings}>
          Go to sign-in
        </button>
      )}
    </>
  )
}
