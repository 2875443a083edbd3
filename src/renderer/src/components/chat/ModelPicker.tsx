import type { SidebarEntry } from '../../../../shared/domain'
import {
  choose,
  defaultChoice,
  effortLabel,
  findModel,
  type ModelChoice,
  modelDisplayName,
} from '../../../../shared/model-policy'
import { call } from '../../api'
import { useConversationsStore } from '../../stores/conversations-store'
import { useModelsStore } from '../../stores/models-store'
import { reportError } from '../../stores/notices-store'
import { useSettingsStore } from '../../stores/settings-store'
import { MODEL_SELECT_ID } from '../../stores/ui-store'

interface ModelPickerProps {
  choice: ModelChoice
  onChoose(choice: ModelChoice): void
}

/** A model and its reasoning effort, offering only what the model list serves (the policy clamps the effort). */
function ModelPicker({ choice, onChoose }: ModelPickerProps) {
  const models = useModelsStore((state) => state.models)
  const model = findModel(models, choice.model)
  const efforts = model?.efforts ?? []

  return (
    <div className="model-picker">
      <select
        id={MODEL_SELECT_ID}
        aria-label="Model"
        value={choice.model}
        onChange={(event) => onChoose(choose(models, event.target.value, choice.effort))}
      >
        {!model && (
          // A conversation from before its model was retired: named, so the user knows what it was on.
          <option value={choice.model} disabled>
            {`${modelDisplayName(models, choice.model)} (no longer available)`}
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
          value={choose(models, model.id, choice.effort).effort ?? ''}
          onChange={(event) => onChoose({ model: model.id, effort: event.target.value })}
        >
          {efforts.map((effort) => (
            <option key={effort} value={effort}>
              {effortLabel(effort)}
            </option>
          ))}
        </select>
      )}
    </div>
  )
}

/** The open conversation's model, saved with it. */
export function ConversationModelPicker({ conversation }: { conversation: SidebarEntry }) {
  const upsert = useConversationsStore((state) => state.upsert)

  async function save({ model, effort }: ModelChoice) {
    try {
      upsert(await call('conversations:set-model', { id: conversation.id, model, effort }))
    } catch (error) {
      reportError(error)
    }
  }

  return <ModelPicker choice={{ model: conversation.model, effort: conversation.effort }} onChoose={save} />
}

/** The start screen's choice, before there is a conversation: the default until the user picks another. */
export function NewChatModelPicker() {
  const models = useModelsStore((state) => state.models)
  const draft = useModelsStore((state) => state.draft)
  const setDraft = useModelsStore((state) => state.setDraft)
  const settings = useSettingsStore((state) => state.settings)
  if (models.length === 0) return null
  const remembered = settings?.lastModel ? { model: settings.lastModel, effort: settings.lastEffort } : {}
  // A draft made from an older list may name a model the list no longer serves: then the default applies again.
  const choice = draft && findModel(models, draft.model) ? draft : defaultChoice(models, remembered)
  return <ModelPicker choice={choice} onChoose={setDraft} />
}
