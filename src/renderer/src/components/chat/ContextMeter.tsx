import type { ChatMessage, ContextUse } from '../../../../shared/domain'
import { formatCount } from '../../format'
import { useModelsStore } from '../../stores/models-store'

/** Past these shares of the window the meter turns amber, then red; compaction starts at 90 %. */
const WARN_PERCENT = 60
const FULL_PERCENT = 85

/**
 * The latest answer's last round: how much of the model's context the conversation takes now. `olderContext` stands
 * for the messages not loaded yet, all older than the loaded ones.
 */
export function contextTokens(messages: readonly ChatMessage[], olderContext: ContextUse | null = null): number | null {
  const context = messages.findLast((message) => message.context)?.context ?? olderContext
  return context ? context.inputTokens + context.outputTokens : null
}

interface ContextMeterProps {
  messages: readonly ChatMessage[]
  olderContext: ContextUse | null
  modelId: string
}

/** How full the model's context is; absent until an answer has reported its usage. */
export function ContextMeter({ messages, olderContext, modelId }: ContextMeterProps) {
  const model = useModelsStore((state) => state.models.find((candidate) => candidate.id === modelId))
  const tokens = contextTokens(messages, olderContext)
  if (tokens === null || !model) return null
  const percent = Math.min(100, Math.round((tokens / model.contextWindow) * 100))
  const detail = `${formatCount(tokens)} of ${formatCount(model.contextWindow)} tokens of ${model.displayName}'s context`
  return (
    <span className="context-meter" title={`Context: ${detail}. Older messages are summarised when it is nearly full.`}>
      <span aria-hidden="true">Context</span>
      {/* low/high/optimum make the browser colour it green, then amber, then red as it fills. */}
      <meter
        data-testid="context-meter"
        aria-label="Context used"
        aria-valuenow={percent}
        aria-valuetext={`${percent} % (${detail})`}
        min={0}
        max={100}
        low={WARN_PERCENT}
        high={FULL_PERCENT}
        optimum={0}
        value={percent}
      />
      <span className="context-meter-value" aria-hidden="true">
        {percent} %
      </span>
    </span>
  )
}
