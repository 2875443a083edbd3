/** How far a long job in main has got (an import, an export): a bar and a line saying what is happening. */
export function ProgressStatus({
  label,
  done,
  total,
  text,
  className,
}: {
  /** The bar's accessible name. */
  label: string
  done: number
  total: number
  text: string
  className: string
}) {
  return (
    <div role="status" className={`progress-status ${className}`}>
      {/* No value while the total is unknown: the bar shows that work is going on without claiming how much. */}
      <progress aria-label={label} max={total || undefined} value={total ? done : undefined} />
      <span>{text}</span>
    </div>
  )
}
