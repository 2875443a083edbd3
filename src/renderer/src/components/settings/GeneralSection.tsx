import { useState } from 'react'
import type { Settings, Theme } from '../../../../shared/domain'
import { SETTING_BOUNDS } from '../../../../shared/settings'
import { type SettingsPatch, useSettingsStore } from '../../stores/settings-store'
import { APPROVAL_LEVEL_LABELS, APPROVAL_LEVEL_ORDER } from '../chat/tools/approval-levels'

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

interface NumberFieldProps {
  label: string
  value: number
  min: number
  max: number
  /** Converts between what the user types (e.g. seconds) and what settings hold (e.g. ms). */
  scale?: number
  onCommit(value: number): void
}

/** A number saved when the field is left, so typing "12" does not save "1" first. */
function NumberField({ label, value, min, max, scale = 1, onCommit }: NumberFieldProps) {
  const [draft, setDraft] = useState(String(value / scale))
  function commit() {
    const parsed = Number(draft)
    if (draft.trim() === '' || !Number.isFinite(parsed)) {
      setDraft(String(value / scale))
      return
    }
    const clamped = Math.min(max, Math.max(min, Math.round(parsed * scale)))
    setDraft(String(clamped / scale))
    if (clamped !== value) onCommit(clamped)
  }
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        min={min / scale}
        max={max / scale}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
      />
    </label>
  )
}

export function GeneralSection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((state) => state.update)
  const [instructions, setInstructions] = useState(settings.instructions)
  const save = (patch: SettingsPatch) => void update(patch)

  return (
    <>
      <section className="settings-section" aria-labelledby="settings-appearance">
        <h3 id="settings-appearance">Appearance</h3>
        <fieldset className="theme-choice">
          <legend>Theme</legend>
          {THEMES.map((theme) => (
            <label key={theme.value} className="radio-label">
              <input
                type="radio"
                name="theme"
                value={theme.value}
                checked={settings.theme === theme.value}
                onChange={() => save({ theme: theme.value })}
              />
              {theme.label}
            </label>
          ))}
        </fieldset>
      </section>
      <section className="settings-section" aria-labelledby="settings-chat">
        <h3 id="settings-chat">Chat</h3>
        <label className="field">
          <span>Instructions</span>
          <textarea
            rows={4}
            value={instructions}
            onChange={(event) => setInstructions(event.target.value)}
            onBlur={() => instructions !== settings.instructions && save({ instructions })}
          />
        </label>
        <div className="field-row">
          <NumberField
            label="Max retries"
            value={settings.maxRetries}
            {...SETTING_BOUNDS.maxRetries}
            onCommit={(maxRetries) => save({ maxRetries })}
          />
          <NumberField
            label="Retry base delay (s)"
            value={settings.retryBaseDelayMs}
            {...SETTING_BOUNDS.retryBaseDelayMs}
            scale={1000}
            onCommit={(retryBaseDelayMs) => save({ retryBaseDelayMs })}
          />
          <NumberField
            label="Idle timeout (s)"
            value={settings.streamIdleTimeoutMs}
            {...SETTING_BOUNDS.streamIdleTimeoutMs}
            scale={1000}
            onCommit={(streamIdleTimeoutMs) => save({ streamIdleTimeoutMs })}
          />
        </div>
      </section>
      <section className="settings-section" aria-labelledby="settings-tools">
        <h3 id="settings-tools">Tools</h3>
        <label className="field">
          <span>Approvals</span>
          <select
            value={settings.approvalLevel}
            onChange={(event) => {
              const level = APPROVAL_LEVEL_ORDER.find((candidate) => candidate === event.target.value)
              if (level) save({ approvalLevel: level })
            }}
          >
            {APPROVAL_LEVEL_ORDER.map((level) => (
              <option key={level} value={level}>
                {APPROVAL_LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
        </label>
        <p className="muted field-hint">A conversation can choose its own in the chat header.</p>
        <NumberField
          label="Tool rounds per answer"
          value={settings.maxToolRounds}
          {...SETTING_BOUNDS.maxToolRounds}
          onCommit={(maxToolRounds) => save({ maxToolRounds })}
        />
      </section>
    </>
  )
}
