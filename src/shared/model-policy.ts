/**
 * The one model and effort policy, used by main (new conversations, turns, moving conversations off retired models)
 * and by the renderer's picker: which model is the default, whether a model is served, which effort to send.
 * `models` is always the current list as main knows it: the backend's (fresh or cached) or the built-in registry.
 */
import type { ModelSpec, ReasoningEffort } from './domain'
import { REASONING_EFFORTS } from './domain'
import { BUILTIN_MODELS } from './models'

export interface ModelChoice {
  model: string
  effort: ReasoningEffort | null
}

export function findModel(models: readonly ModelSpec[], id: string): ModelSpec | undefined {
  return models.find((spec) => spec.id === id)
}

/** The list came from the backend (now or from the account's cache), so "not listed" means "not served". */
export function isBackendList(models: readonly ModelSpec[]): boolean {
  return models.some((spec) => spec.source === 'backend')
}

/** Rank of a known effort, weakest first; -1 for an effort the app does not know. */
function rank(effort: ReasoningEffort): number {
  return (REASONING_EFFORTS as readonly string[]).indexOf(effort)
}

/**
 * The effort to send for `model`: null when it does not reason (or is unknown), its default when none was chosen,
 * the chosen one when the model accepts it, otherwise the accepted known effort nearest to it (ties go to the
 * stronger one), as Codex clamps per model. An unknown effort the model does not accept falls back to the default.
 */
export function clampEffort(model: ModelSpec | undefined, effort: ReasoningEffort | null): ReasoningEffort | null {
  const allowed = model?.efforts ?? []
  if (allowed.length === 0) return null
  const fallback =
    model?.defaultEffort && allowed.includes(model.defaultEffort)
      ? model.defaultEffort
      : allowed[Math.floor(allowed.length / 2)]
  if (effort === null) return fallback
  if (allowed.includes(effort)) return effort
  const wanted = rank(effort)
  const known = allowed.filter((candidate) => rank(candidate) >= 0)
  if (wanted < 0 || known.length === 0) return fallback
  let best = known[0]
  for (const candidate of known) {
    const distance = Math.abs(rank(candidate) - wanted)
    const bestDistance = Math.abs(rank(best) - wanted)
    if (distance < bestDistance || (distance === bestDistance && rank(candidate) > rank(best))) best = candidate
  }
  return best
}

/** `model` with the effort it would actually get; the effort left unset means the model's default. */
export function choose(
  models: readonly ModelSpec[],
  model: string,
  effort: ReasoningEffort | null | undefined,
): ModelChoice {
  const spec = findModel(models, model)
  return { model, effort: clampEffort(spec, effort ?? null) }
}

/**
 * What a new conversation gets: the remembered last-used model while the list still serves it, otherwise the first
 * listed model (the backend lists by priority), each with its effort clamped.
 */
export function defaultChoice(models: readonly ModelSpec[], remembered: Partial<ModelChoice> = {}): ModelChoice {
  if (remembered.model && findModel(models, remembered.model)) {
    return choose(models, remembered.model, remembered.effort)
  }
  const list = models.length > 0 ? models : BUILTIN_MODELS
  return choose(list, list[0].id, null)
}

/**
 * Where a conversation on `current` must move before its next request: the default model when the backend's list
 * does not serve `current`, null when it may stay. Only the backend's list decides: the built-in registry is a
 * guess made when the app was built, and moving a conversation on a guess cannot be undone by the user's account.
 */
export function replacementFor(
  models: readonly ModelSpec[],
  current: string,
  remembered: Partial<ModelChoice> = {},
): ModelChoice | null {
  if (!isBackendList(models) || findModel(models, current)) return null
  return defaultChoice(models, remembered)
}

/** The name a person knows a model by: the list's display name, or the slug written the way OpenAI writes it. */
export function modelDisplayName(models: readonly ModelSpec[], slug: string): string {
  return findModel(models, slug)?.displayName ?? slug.replace(/^gpt-/i, 'GPT-')
}

const EFFORT_LABELS: Record<string, string> = {
  none: 'None',
  minimal: 'Minimal',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  xhigh: 'Extra high',
}

/** Known efforts by their label; an effort the app does not know by its own name. */
export function effortLabel(effort: ReasoningEffort): string {
  return EFFORT_LABELS[effort] ?? effort.charAt(0).toUpperCase() + effort.slice(1)
}

/** What a new conversation gets: the model (and effort) asked for, else the default; the effort clamped to the model. */
export function newConversationChoice(
  models: readonly ModelSpec[],
  requested: Partial<ModelChoice>,
  remembered: Partial<ModelChoice> = {},
): ModelChoice {
  const fallback = defaultChoice(models, remembered)
  const model = requested.model ?? fallback.model
  // The default effort belongs to the default model; another model gets its own default unless one was asked for.
  const effort = requested.effort !== undefined ? requested.effort : model === fallback.model ? fallback.effort : null
  return choose(models, model, effort)
}
