import type { ApprovalLevel } from '../../../../../shared/tool-previews'

/** How each approval level reads in Settings and in the chat header. */
export const APPROVAL_LEVEL_LABELS: Record<ApprovalLevel, string> = {
  'ask-all': 'Ask before every tool',
  'ask-writes': 'Ask before writes and commands',
  'run-all': 'Run every tool without asking',
}

/** Shorter, for the header's picker. */
export const APPROVAL_LEVEL_SHORT_LABELS: Record<ApprovalLevel, string> = {
  'ask-all': 'Ask for every tool',
  'ask-writes': 'Ask for writes',
  'run-all': 'Never ask',
}

export const APPROVAL_LEVEL_ORDER: readonly ApprovalLevel[] = ['ask-all', 'ask-writes', 'run-all']
