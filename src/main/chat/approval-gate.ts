import type { ApprovalLevel } from '../../shared/tool-previews'
import type { ToolRegistry } from '../tools'
import type { ApprovalGate } from './approvals'

export interface GateInput {
  tools: Pick<ToolRegistry, 'needsApproval'>
  level: ApprovalLevel
  alwaysAllow: readonly string[]
  /** Keeps an "Always allow" with the conversation, so its next turns know it too. */
  keepAlwaysAllow(toolName: string): Promise<void>
}

/** The approval decisions of one turn: the level it started with, and the "Always allow"s, including new ones. */
export function createApprovalGate({ tools, level, alwaysAllow, keepAlwaysAllow }: GateInput): ApprovalGate {
  const allowed = new Set(alwaysAllow)
  return {
    needsApproval: (toolName) => !allowed.has(toolName) && tools.needsApproval(toolName, level),
    async allowAlways(toolName) {
      if (allowed.has(toolName)) return
      allowed.add(toolName)
      await keepAlwaysAllow(toolName)
    },
  }
}
