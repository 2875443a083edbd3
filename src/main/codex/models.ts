/** `/models` (codex.md §5): the backend's list mapped to ModelSpecs, or null when it cannot be had. */
import { z } from 'zod'
import type { ModelSpec, ReasoningEffort } from '../../shared/domain'
import { effortSchema } from '../../shared/ipc-contract'
import { findBuiltinModel } from '../../shared/models'
import type { ClientIdentity } from '../client-identity'
import type { TokenProvider } from '../ports'
import { authHeaders } from './request-builder'
import { cancelledError } from './retry'

const modelInfoSchema = z.object({
  slug: z.string().min(1),
  display_name: z.string().nullish(),
  description: z.string().nullish(),
  default_reasoning_level: z.string().nullish(),
  supported_reasoning_levels: z.array(z.object({ effort: z.string() })).nullish(),
  context_window: z.number().positive().nullish(),
  supports_reasoning_summaries: z.boolean().nullish(),
  supports_parallel_tool_calls: z.boolean().nullish(),
  input_modalities: z.array(z.string()).nullish(),
  visibility: z.string().nullish(),
  priority: z.number().nullish(),
})
type ModelInfo = z.infer<typeof modelInfoSchema>

const modelsResponseSchema = z.object({ models: z.array(z.unknown()) })

/** Context window for a model neither the backend nor the registry sizes: the GPT-5.x figure on this backend. */
const DEFAULT_CONTEXT_WINDOW = 272_000

export function modelSpecFromInfo(info: ModelInfo): ModelSpec {
  const known = findBuiltinModel(info.slug)
  const efforts = [
    ...new Set(
      (info.supported_reasoning_levels ?? [])
        .map((level) => effortSchema.safeParse(level.effort))
        .flatMap((parsed) => (parsed.success ? [parsed.data] : [])),
    ),
  ]
  const defaultEffort: ReasoningEffort | undefined = effortSchema.safeParse(info.default_reasoning_level).data
  const reasoning = efforts.length > 0
  return {
    id: info.slug,
    displayName: info.display_name || info.slug,
    ...(info.description ? { description: info.description } : {}),
    contextWindow: info.context_window ?? known?.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    ...(known?.maxOutputTokens !== undefined ? { maxOutputTokens: known.maxOutputTokens } : {}),
    efforts,
    ...(reasoning && defaultEffort && efforts.includes(defaultEffort) ? { defaultEffort } : {}),
    capabilities: {
      tools: known?.capabilities.tools ?? true,
      images: info.input_modalities ? info.input_modalities.includes('image') : (known?.capabilities.images ?? false),
      reasoning,
      reasoningSummaries: info.supports_reasoning_summaries ?? known?.capabilities.reasoningSummaries ?? false,
      parallelToolCalls: info.supports_parallel_tool_calls ?? known?.capabilities.parallelToolCalls ?? false,
    },
    source: 'backend',
  }
}

/** Listed entries only, in the backend's order (by `priority` where it gives one); entries that do not parse are skipped. */
export function modelSpecsFromResponse(value: unknown): ModelSpec[] | null {
  const parsed = modelsResponseSchema.safeParse(value)
  if (!parsed.success) return null
  const infos = parsed.data.models.flatMap((entry) => {
    const info = modelInfoSchema.safeParse(entry)
    return info.success ? [info.data] : []
  })
  return infos
    .filter((info) => (info.visibility ?? 'list') === 'list')
    .map((info, index) => ({ info, index }))
    .sort((a, b) => (a.info.priority ?? Infinity) - (b.info.priority ?? Infinity) || a.index - b.index)
    .map(({ info }) => modelSpecFromInfo(info))
}

export interface ModelCatalogDeps {
  baseUrl: string
  tokens: TokenProvider
  identity: ClientIdentity
  clientVersion(): string
  fetch: typeof fetch
}

/** Fetches the signed-in account's list each time it is asked; caching and refresh policy belong to the caller. */
export function createModelCatalog(deps: ModelCatalogDeps) {
  return {
    /** The backend's list, or null when it cannot be had (signed out, offline, an error or an empty answer). */
    async list(options: { signal?: AbortSignal } = {}): Promise<ModelSpec[] | null> {
      const { signal } = options
      try {
        const credentials = await deps.tokens.getCredentials()
        const url = `${deps.baseUrl}/models?client_version=${encodeURIComponent(deps.clientVersion())}`
        const response = await deps.fetch(url, {
          headers: { ...authHeaders(credentials, deps.identity), accept: 'application/json' },
          signal,
        })
        if (response.status !== 200) {
          await response.body?.cancel()
          return null
        }
        const list = modelSpecsFromResponse(await response.json())
        return list && list.length > 0 ? list : null
      } catch {
        if (signal?.aborted) throw cancelledError()
        return null
      }
    },
  }
}
