/** The fake `/models` list: a few current gpt-5.x entries shaped like Codex's `ModelInfo`, one of them hidden. */

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

const LEVELS = ['low', 'medium', 'high', 'xhigh'].map((effort) => ({ effort, description: `${effort} effort` }))

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
    model('gpt-5.5', 'GPT-5.5', 1),
    model('gpt-5.4', 'GPT-5.4', 2),
    model('gpt-5.4-mini', 'GPT-5.4 mini', 3),
    model('gpt-5.3-codex', 'GPT-5.3 Codex', 4),
    model('gpt-5.3-codex-spark', 'GPT-5.3 Codex Spark', 5, { context_window: 128_000, input_modalities: ['text'] }),
    model('gpt-5.2', 'GPT-5.2', 6),
    model('gpt-5.1-codex-internal', 'GPT-5.1 Codex (internal)', 7, { visibility: 'hide' }),
  ]
}
