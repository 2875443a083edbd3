/**
 * The built-in model registry: what the app offers when the backend's `/models` list cannot be had, and what it
 * knows about models the list describes only partly (max output tokens). Pure data; no Node, no DOM.
 */
import { type ModelSpec, REASONING_EFFORTS, type ReasoningEffort } from './domain'

/** The seed's default, used only when no model list can be had at all. */
export const FALLBACK_DEFAULT_MODEL = 'gpt-4.1'

const GPT5_EFFORTS: ReasoningEffort[] = ['low', 'medium', 'high', 'xhigh']
const O_SERIES_EFFORTS: ReasoningEffort[] = ['low', 'medium', 'high']

function gpt41(id: string, displayName: string): ModelSpec {
  return {
    id,
    displayName,
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    efforts: [],
    capabilities: { tools: true, images: true, reasoning: false, reasoningSummaries: false, parallelToolCalls: true },
    source: 'builtin',
  }
}

function gpt4o(id: string, displayName: string): ModelSpec {
  return {
    id,
    displayName,
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    efforts: [],
    capabilities: { tools: true, images: true, reasoning: false, reasoningSummaries: false, parallelToolCalls: true },
    source: 'builtin',
  }
}

function oSeries(id: string, displayName: string, images: boolean): ModelSpec {
  return {
    id,
    displayName,
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    efforts: [...O_SERIES_EFFORTS],
    defaultEffort: 'medium',
    capabilities: { tools: true, images, reasoning: true, reasoningSummaries: true, parallelToolCalls: true },
    source: 'builtin',
  }
}

function gpt5(id: string, displayName: string, options: { contextWindow?: number; images?: boolean } = {}): ModelSpec {
  return {
    id,
    displayName,
    contextWindow: options.contextWindow ?? 272_000,
    maxOutputTokens: 128_000,
    efforts: [...GPT5_EFFORTS],
    defaultEffort: 'medium',
    capabilities: {
      tools: true,
      images: options.images ?? true,
      reasoning: true,
      reasoningSummaries: true,
      parallelToolCalls: true,
    },
    source: 'builtin',
  }
}

export const BUILTIN_MODELS: readonly ModelSpec[] = [
  gpt5('gpt-5.5', 'GPT-5.5'),
  gpt5('gpt-5.4', 'GPT-5.4'),
  gpt5('gpt-5.4-mini', 'GPT-5.4 mini'),
  gpt5('gpt-5.3-codex', 'GPT-5.3 Codex'),
  gpt5('gpt-5.3-codex-spark', 'GPT-5.3 Codex Spark', { contextWindow: 128_000, images: false }),
  gpt5('gpt-5.2', 'GPT-5.2'),
  gpt41('gpt-4.1', 'GPT-4.1'),
  gpt41('gpt-4.1-mini', 'GPT-4.1 mini'),
  gpt41('gpt-4.1-nano', 'GPT-4.1 nano'),
  gpt4o('gpt-4o', 'GPT-4o'),
  gpt4o('gpt-4o-mini', 'GPT-4o mini'),
  oSeries('o3', 'o3', true),
  oSeries('o3-mini', 'o3-mini', false),
  oSeries('o4-mini', 'o4-mini', true),
]

export function findBuiltinModel(id: string): ModelSpec | undefined {
  return BUILTIN_MODELS.find((spec) => spec.id === id)
}

/** The efforts a model accepts; a model the registry does not know is assumed not to reason. */
export function effortsFor(model: ModelSpec | string): ReasoningEffort[] {
  const spec = typeof model === 'string' ? findBuiltinModel(model) : model
  return spec ? [...spec.efforts] : []
}

/**
 * The effort to send for `model`: null when it does not reason, its default when none was chosen, otherwise the
 * accepted effort nearest to the one asked for (ties go to the stronger one), as Codex clamps per model.
 */
export function clampEffort(model: ModelSpec | string, effort: ReasoningEffort | null): ReasoningEffort | null {
  const spec = typeof model === 'string' ? findBuiltinModel(model) : model
  const allowed = effortsFor(model)
  if (allowed.length === 0) return null
  if (effort === null) return spec?.defaultEffort ?? allowed[Math.floor(allowed.length / 2)]
  if (allowed.includes(effort)) return effort
  const wanted = REASONING_EFFORTS.indexOf(effort)
  let best = allowed[0]
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of allowed) {
    const distance = Math.abs(REASONING_EFFORTS.indexOf(candidate) - wanted)
    if (distance < bestDistance || (distance === bestDistance && REASONING_EFFORTS.indexOf(candidate) > wanted)) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}
