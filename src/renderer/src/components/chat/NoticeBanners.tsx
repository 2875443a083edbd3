import { useNoticesStore } from '../../stores/notices-store'
import { ErrorDetails } from './ErrorDetails'

/** Errors of actions and loads, each dismissible. */
export function NoticeBanners() {
  const notices = useNoticesStore((state) => state.notices)
  const dismiss = useNoticesStore((state) => state.dismiss)
  if (notices.length === 0) return null
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div key={notice.id} role="alert" className="banner banner-error">
          <ErrorDetails error={notice.error} />
          <button type="button" className="small-button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
