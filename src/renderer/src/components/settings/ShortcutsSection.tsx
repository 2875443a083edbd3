import { SHORTCUTS } from '../../keyboard/shortcuts'

export function ShortcutsSection() {
  return (
    <section className="settings-section" aria-labelledby="settings-shortcuts">
      <h3 id="settings-shortcuts">Keyboard shortcuts</h3>
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.does} className="shortcut">
            <dt>
              {shortcut.keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{shortcut.does}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
