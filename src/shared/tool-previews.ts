/**
 * What an approval card shows before a tool call runs. Computed in main from the files as they are when the call
 * arrives, stored with the call, so the card after a restart shows what the person was asked to approve.
 */

export interface FilePreview {
  path: string
  kind: 'add' | 'delete' | 'update' | 'move'
  /** A unified diff of the file (against /dev/null for an added or deleted file). */
  diff: string
  movedTo?: string
}

export type PatchPreview = { ok: true; files: FilePreview[] } | { ok: false; error: string }

export type WritePreview = { ok: true; path: string; isNew: boolean; diff: string } | { ok: false; error: string }

export type ToolCallPreview =
  | { kind: 'write'; preview: WritePreview }
  | { kind: 'patch'; preview: PatchPreview }
  | { kind: 'command'; command: string; cwd: string; timeoutSeconds: number }
  /** The arguments do not fit the tool (the call will fail without running), or no workspace is chosen. */
  | { kind: 'invalid'; error: string }
  /** A tool whose card needs nothing beyond its arguments. */
  | { kind: 'none' }

/**
 * How much the tools may do without asking: everything asks, only writes and commands ask (reads run at once), or
 * nothing asks.
 */
export type ApprovalLevel = 'ask-all' | 'ask-writes' | 'run-all'
export const APPROVAL_LEVELS = ['ask-all', 'ask-writes', 'run-all'] as const satisfies readonly ApprovalLevel[]

/** A conversation's own say over its tool calls, on top of the app-wide approval level. */
export interface ConversationToolPolicy {
  /** Overrides the app-wide level for this conversation; null follows it. */
  level: ApprovalLevel | null
  /** Tools the person chose "Always allow" for in this conversation: their calls run without asking. */
  alwaysAllow: string[]
}

export const DEFAULT_TOOL_POLICY: ConversationToolPolicy = { level: null, alwaysAllow: [] }

/** Where a conversation's tools work and how they are approved, as the chat header shows it. */
export interface ConversationTools {
  workspace: string | null
  policy: ConversationToolPolicy
}
