import type { ThreadRetry } from '../../chat/chat-reducer'
import { useChatStore } from '../../stores/chat-store'
import { useSecondsUntil } from './useSecondsUntil'

function progress(retry: ThreadRetry, seconds: number): string {
  if (retry.reconnecting) {
    const reconnecting = `Reconnecting… ${retry.attempt}/${retry.maxRetries}`
    return seconds > 0 ? `${reconnecting}, next try in ${seconds} s` : reconnecting
  }
  const attempt = `(attempt ${retry.attempt} of ${retry.maxRetries})`
  return seconds > 0 ? `Retrying in ${seconds} s ${attempt}…` : `Retrying now ${attempt}…`
}

/** Says why the reply waits and when the next attempt is due, counting down; Retry now ends the wait (Stop gives up). */
export function RetryBanner({ retry }: { retry: ThreadRetry }) {
  const seconds = useSecondsUntil(retry.retryAt)
  const retryNow = useChatStore((state) => state.retryNow)
  return (
    <div role="alert" className="banner banner-warning">
      <span>{retry.error.message}</span> <span className="retry-countdown">{progress(retry, seconds)}</span>
      {seconds > 0 && (
        <button type="button" className="link-button" onClick={() => void retryNow()}>
          Retry now
        </button>
      )}
    </div>
  )
}
