import type { ConversationSummary, ReasoningEffort } from '../../../../shared/domain'
import { call } from '../../api'
import { useConversationsStore } from '../../stores/conversations-store'
import { useModelsStore } from '../../stores/models-store'
import { reportError } from '../../stores/notices-store'
import { MODEL_SELECT_ID } from '../../stores/ui-store'

const EFFORT_LABELS: Record<ReasoningEffort, string> = {
  none: 'None',
  minimal: 'Minimal',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  xhigh: 'Extra high',
}

/** The conversation's model and reasoning effort, offering only what the model list says is available. */
export function ModelPicker({ conversation }: { conversation: ConversationSummary }) {
  const models = useModelsStore((state) => state.models)
  const upsert = useConversationsStore((state) => state.upsert)
  const model = models.find((candidate) => candidate.id === conversation.model)
  const efforts = model?.efforts ?? []

  async function save(modelId: string, effort: ReasoningEffort | null) {
    try {
      upsert(await call('conversations:set-model', { id: conversation.id, model: modelId, effort }))
    } catch (error) {
      reportError(error)
    }
  }

  function chooseModel(modelId: string) {
    const next = models.find((candidate) => candidate.id === modelId)
    if (!next) return
    const keepEffort = conversation.effort !== null && next.efforts.includes(conversation.effort)
    void save(modelId, keepEffort ? conversation.effort : (next.defaultEffort ?? next.efforts[0] ?? null))
  }

  return (
    <div className="model-picker">
      <select
        id={MODEL_SELECT_ID}
        aria-label="Model"
        value={model ? model.id : ''}
        onChange={(event) => chooseModel(event.target.value)}
      >
        {!model && (
          <option value="" disabled>
            {models.length === 0 ? 'No models available' : 'Choose a model'}
          </option>
        )}
        {models.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.displayName}
          </option>
        ))}
      </select>
      {model && efforts.length > 0 && (
        <select
          aria-label="Reasoning effort"
          value={conversation.effort ?? model.defaultEffort ?? efforts[0]}
          onChange={(event) => void save(model.id, event.target.value as ReasoningEffort)}
        >
          {efforts.map((effort) => (
            <option key={effort} value={effort}>
              {EFFORT_LABELS[effort]}
            </option>
          ))}
        </select>
      )}
    </div>
  )
}
