/**
 * The fake `/models` list: what the backend serves ChatGPT accounts today (codex.md §0, §5), shaped like Codex's
 * `ModelInfo`, in its priority order, plus one hidden entry. `/responses` serves exactly the listed slugs.
 */

export interface FakeModelInfo {
  slug: string
  display_name: string
  description: string
  default_reasoning_level: string
  supported_reasoning_levels: Array<{ effort: string; description: string }>
  visibility: 'list' | 'hide'
  priority: number
  context_window: number
  supports_reasoning_summaries: boolean
  supports_parallel_tool_calls: boolean
  input_modalities: string[]
  minimal_client_version: string
  supported_in_api: boolean
  shell_type: string
}

const levels = (...efforts: string[]) => efforts.map((effort) => ({ effort, description: `${effort} effort` }))
const LEVELS = levels('low', 'medium', 'high', 'xhigh')

function model(slug: string, displayName: string, priority: number, extra: Partial<FakeModelInfo> = {}): FakeModelInfo {
  return {
    slug,
    display_name: displayName,
    description: `${displayName} on the fake backend.`,
    default_reasoning_level: 'medium',
    supported_reasoning_levels: LEVELS,
    visibility: 'list',
    priority,
    context_window: 272_000,
    supports_reasoning_summaries: true,
    supports_parallel_tool_calls: true,
    input_modalities: ['text', 'image'],
    minimal_client_version: '0.1.0',
    supported_in_api: true,
    shell_type: 'shell_command',
    ...extra,
  }
}

export function defaultModelCatalog(): FakeModelInfo[] {
  return [
    model('gpt-5.6-sol', 'GPT-5.6 Sol', 1, {
      context_window: 372_000,
      supported_reasoning_levels: levels('low', 'medium', 'high', 'xhigh', 'max', 'ultra'),
    }),
    model('gpt-5.6-terra', 'GPT-5.6 Terra', 2),
    model('gpt-5.6-luna', 'GPT-5.6 Luna', 3),
    model('gpt-5.5', 'GPT-5.5', 4),
    model('gpt-5.4', 'GPT-5.4', 5),
    model('gpt-5.4-mini', 'GPT-5.4 mini', 6),
    model('gpt-5.6-internal', 'GPT-5.6 (internal)', 7, { visibility: 'hide' }),
  ]
}
