import type { UsageWindow } from '../../../../shared/domain'
import { formatResetTime } from '../../format'
import { useUsageStore } from '../../stores/usage-store'

function UsageWindowMeter({ label, window }: { label: string; window: UsageWindow }) {
  const percent = Math.round(window.usedPercent)
  return (
    <span className="usage-window">
      <span>{label}</span>
      {/* Amber from 75 %, red from 90 %: the limit is near. */}
      <meter min={0} max={100} low={75} high={90} optimum={0} value={percent} aria-label={`${label} usage`} />
      <span>{percent} %</span>
      {window.resetsAt !== undefined && <span className="muted">resets {formatResetTime(window.resetsAt)}</span>}
    </span>
  )
}

/** The 5-hour and weekly usage; a window the backend did not report is left out rather than shown as 0 %. */
export function UsageMeter() {
  const usage = useUsageStore((state) => state.usage)
  if (!usage || (!usage.primary && !usage.secondary)) return null
  return (
    <div className="usage-meter">
      {usage.primary && <UsageWindowMeter label="5-hour" window={usage.primary} />}
      {usage.secondary && <UsageWindowMeter label="Weekly" window={usage.secondary} />}
    </div>
  )
}
