/** Shown in a browser that opened the page without the harness's secret token. */
export function MissingTokenPage() {
  return (
    <main className="missing-token">
      <h1>Codex Desk</h1>
      <p>
        Open the link printed by <code>npm run web</code>. It carries a one-time token that lets this page talk to Codex
        Desk.
      </p>
    </main>
  )
}
