import type { ConversationNote } from '../../../../shared/domain'
import { modelDisplayName } from '../../../../shared/model-policy'
import { useModelsStore } from '../../stores/models-store'

/** Something the app did to the conversation, shown where it happened among the messages. */
export function ConversationNoteView({ note }: { note: ConversationNote }) {
  const models = useModelsStore((state) => state.models)
  return (
    <p className="conversation-note" data-testid="model-note" data-kind={note.kind}>
      {modelDisplayName(models, note.from)} is no longer available — this conversation now uses{' '}
      {modelDisplayName(models, note.to)}.
    </p>
  )
}
