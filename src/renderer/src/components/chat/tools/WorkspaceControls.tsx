/**
 * The chat header's say over tools: the folder they work in and, for an open conversation, how their calls are
 * approved. The desktop shell picks the folder with the OS dialog; the web harness cannot, so it asks for a path,
 * which main checks (absolute, existing, a folder, not the root) and whose refusal shows in the dialog.
 */
import { type FormEvent, useState } from 'react'
import { toAppError } from '../../../../../shared/errors'
import { call } from '../../../api'
import { reportError } from '../../../stores/notices-store'
import { useSettingsStore } from '../../../stores/settings-store'
import { useShownWorkspace, useToolsStore } from '../../../stores/tools-store'
import { Dialog } from '../../common/Dialog'
import { FolderIcon } from '../../common/icons'
import { APPROVAL_LEVEL_ORDER, APPROVAL_LEVEL_SHORT_LABELS } from './approval-levels'

function folderName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path
}

function WorkspaceDialog({ current, onClose }: { current: string | null; onClose(): void }) {
  const setWorkspace = useToolsStore((state) => state.setWorkspace)
  const [path, setPath] = useState(current ?? '')
  const [error, setError] = useState<string | null>(null)

  async function use(folder: string | null) {
    try {
      await setWorkspace(folder)
      onClose()
    } catch (caught) {
      setError(toAppError(caught).message)
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (path.trim() !== '') void use(path.trim())
  }

  return (
    <Dialog
      title="Workspace"
      onClose={onClose}
      actions={
        <>
          {current !== null && (
            <button type="button" className="secondary-button" onClick={() => void use(null)}>
              No folder
            </button>
          )}
          <button type="submit" form="workspace-form" className="primary-button" disabled={path.trim() === ''}>
            Use folder
          </button>
        </>
      }
    >
      <form id="workspace-form" onSubmit={submit}>
        <label className="field">
          <span>Folder path</span>
          <input
            data-autofocus
            value={path}
            placeholder="/home/you/projects/app"
            spellCheck={false}
            aria-invalid={error !== null}
            aria-describedby={error ? 'workspace-error' : undefined}
            onChange={(event) => {
              setPath(event.target.value)
              setError(null)
            }}
          />
        </label>
        {error && (
          <p id="workspace-error" role="alert" className="field-error">
            {error}
          </p>
        )}
        <p className="muted field-hint">
          The model may read files in this folder; it asks before writing to them or running commands in it.
        </p>
      </form>
    </Dialog>
  )
}

export function WorkspaceButton() {
  const workspace = useShownWorkspace()
  const shell = useSettingsStore((state) => state.appInfo?.shell)
  const setWorkspace = useToolsStore((state) => state.setWorkspace)
  const [asking, setAsking] = useState(false)

  async function choose() {
    if (shell !== 'electron') {
      setAsking(true)
      return
    }
    try {
      const folder = await call('app:choose-folder')
      if (folder !== null) await setWorkspace(folder)
    } catch (error) {
      reportError(error)
    }
  }

  return (
    <>
      <button
        type="button"
        className="small-button workspace-button"
        aria-label="Workspace"
        title={workspace ?? 'Choose the folder the model’s tools work in'}
        onClick={() => void choose()}
      >
        <FolderIcon />
        {workspace === null ? (
          <span data-testid="workspace-path">Choose workspace folder…</span>
        ) : (
          <span data-testid="workspace-path" data-path={workspace}>
            {folderName(workspace)}
          </span>
        )}
      </button>
      {asking && <WorkspaceDialog current={workspace} onClose={() => setAsking(false)} />}
    </>
  )
}

/** The conversation's approval level; "App default" follows the one in Settings. */
export function ApprovalLevelPicker() {
  const tools = useToolsStore((state) => state.tools)
  const setLevel = useToolsStore((state) => state.setApprovalLevel)
  const appLevel = useSettingsStore((state) => state.settings?.approvalLevel ?? 'ask-writes')
  if (!tools) return null
  return (
    <select
      className="approval-picker"
      aria-label="Approvals"
      title="Which tool calls wait for your approval in this conversation"
      value={tools.policy.level ?? 'default'}
      onChange={(event) => {
        const level = APPROVAL_LEVEL_ORDER.find((candidate) => candidate === event.target.value)
        void setLevel(level ?? null)
      }}
    >
      <option value="default">Default: {APPROVAL_LEVEL_SHORT_LABELS[appLevel].toLowerCase()}</option>
      {APPROVAL_LEVEL_ORDER.map((level) => (
        <option key={level} value={level}>
          {APPROVAL_LEVEL_SHORT_LABELS[level]}
        </option>
      ))}
    </select>
  )
}
