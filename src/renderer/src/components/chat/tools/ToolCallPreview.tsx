import type { FilePreview, ToolCallPreview } from '../../../../../shared/tool-previews'
import { DiffView } from './DiffView'

const FILE_CHANGE: Record<FilePreview['kind'], string> = {
  add: 'New file',
  delete: 'Deleted',
  update: 'Changed',
  move: 'Moved',
}

/** Arguments as the model sent them, indented; text that is not JSON as it is. */
export function prettyJson(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2)
  } catch {
    return json
  }
}

function FileChange({ file }: { file: FilePreview }) {
  return (
    <div className="preview-file">
      <p className="preview-file-name">
        <span className="preview-badge">{FILE_CHANGE[file.kind]}</span>{' '}
        <code className="preview-path">{file.path}</code>
        {file.movedTo && (
          <>
            {' → '}
            <code className="preview-path">{file.movedTo}</code>
          </>
        )}
      </p>
      <DiffView diff={file.diff} label={`Changes to ${file.path}`} />
    </div>
  )
}

function PreviewBody({ preview, argumentsJson }: { preview: ToolCallPreview | undefined; argumentsJson: string }) {
  switch (preview?.kind) {
    case 'command':
      return (
        <>
          <p className="preview-caption">
            Runs in <code className="preview-path">{preview.cwd}</code> (stopped after {preview.timeoutSeconds} s)
          </p>
          <pre className="preview-command">{preview.command}</pre>
        </>
      )
    case 'write':
      if (!preview.preview.ok) return <p className="preview-failure">This write will fail: {preview.preview.error}</p>
      return (
        <FileChange
          file={{
            path: preview.preview.path,
            kind: preview.preview.isNew ? 'add' : 'update',
            diff: preview.preview.diff,
          }}
        />
      )
    case 'patch':
      if (!preview.preview.ok) {
        return <p className="preview-failure">This patch does not apply: {preview.preview.error}</p>
      }
      return preview.preview.files.map((file) => <FileChange key={`${file.path}→${file.movedTo ?? ''}`} file={file} />)
    case 'invalid':
      return <p className="preview-failure">{preview.error}</p>
    default:
      // Reads, or a card stored before previews: the arguments are what the call does.
      return <pre className="preview-command">{prettyJson(argumentsJson)}</pre>
  }
}

/** What a call will do, shown before the decision: the command and its folder, or each file's diff. */
export function ToolCallPreviewView(props: { preview: ToolCallPreview | undefined; argumentsJson: string }) {
  return (
    <div className="tool-call-preview" data-testid="tool-call-preview">
      <PreviewBody {...props} />
    </div>
  )
}
