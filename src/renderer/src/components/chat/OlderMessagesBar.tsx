import type { OlderMessages } from '../../stores/chat-store'

interface OlderMessagesBarProps {
  height: number
  older: OlderMessages
  loadOlder(): void
}

/**
 * Above the first loaded message while older ones are still to come: they load as the list nears the top, or with
 * the button (for a keyboard, or when they failed to load).
 */
export function OlderMessagesBar({ height, older, loadOlder }: OlderMessagesBarProps) {
  return (
    <div className="older-messages" style={{ height }}>
      {older.loading ? (
        <p role="status" className="muted">
          Loading earlier messages…
        </p>
      ) : older.error ? (
        // The bar has one line: a long reason is cut short there and whole in the tooltip.
        <div role="alert" className="banner banner-error" title={older.error.message}>
          <span className="older-messages-reason">Earlier messages could not be loaded. {older.error.message}</span>
          <button type="button" className="small-button" onClick={loadOlder}>
            Retry
          </button>
        </div>
      ) : (
        <button type="button" className="link-button" onClick={loadOlder}>
          Load earlier messages
        </button>
      )}
    </div>
  )
}
