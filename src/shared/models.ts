/**
 * The built-in model registry: what the app offers before the backend's `/models` list is known (signed out, or the
 * list cannot be had and nothing is cached), and what it knows about models the list describes only partly (max
 * output tokens). Only models the backend serves to ChatGPT accounts today (codex.md §0), in its priority order.
 * Pure data; no Node, no DOM.
 */
import type { ModelSpec, ReasoningEffort } from './domain'

const EFFORTS: ReasoningEffort[] = ['low', 'medium', 'high', 'xhigh']

function gpt5(
  id: string,
  displayName: string,
  options: { contextWindow?: number; efforts?: ReasoningEffort[] } = {},
): ModelSpec {
  return {
    id,
    displayName,
    contextWindow: options.contextWindow ?? 272_000,
    maxOutputTokens: 128_000,
    efforts: [...(options.efforts ?? EFFORTS)],
    defaultEffort: 'medium',
    capabilities: { tools: true, images: true, reasoning: true, reasoningSummaries: true, parallelToolCalls: true },
    source: 'builtin',
  }
}

export const BUILTIN_MODELS: readonly ModelSpec[] = [
  gpt5('gpt-5.6-sol', 'GPT-5.6 Sol', { contextWindow: 372_000, efforts: [...EFFORTS, 'max', 'ultra'] }),
  gpt5('gpt-5.6-terra', 'GPT-5.6 Terra'),
  gpt5('gpt-5.6-luna', 'GPT-5.6 Luna'),
  gpt5('gpt-5.5', 'GPT-5.5'),
  gpt5('gpt-5.4', 'GPT-5.4'),
  gpt5('gpt-5.4-mini', 'GPT-5.4 mini'),
]

export function findBuiltinModel(id: string): ModelSpec | undefined {
  return BUILTIN_MODELS.find((spec) => spec.id === id)
}
