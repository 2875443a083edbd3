import type { ApprovalLevel } from '../../../../../shared/tool-previews'

/** How each approval level reads in Settings and in the chat header. */
export const APPROVAL_LEVEL_LABELS: Record<ApprovalLevel, string> = {
  'ask-all': 'Ask before every tool',
  'ask-writes': 'Ask before writes and commands',
  'run-all': 'Run every tool without asking',
}

export const APPROVAL_LEVEL_ORDER: readonly ApprovalLevel[] = ['ask-all', 'ask-writes', 'run-all']
