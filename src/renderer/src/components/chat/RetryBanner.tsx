import type { RetryNotice } from '../../chat/chat-reducer'
import { useSecondsUntil } from './useSecondsUntil'

/** Says when the next attempt is due, counting down. */
export function RetryBanner({ retry }: { retry: RetryNotice }) {
  const seconds = useSecondsUntil(retry.retryAt)
  const attempt = `(attempt ${retry.attempt} of ${retry.maxRetries})`
  return (
    <div role="alert" className="banner banner-warning">
      <span>{retry.error.message}</span>{' '}
      <span className="retry-countdown">
        {seconds > 0 ? `Retrying in ${seconds} s ${attempt}…` : `Retrying now ${attempt}…`}
      </span>
    </div>
  )
}
