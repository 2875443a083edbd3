import type { ReadonlyConversation } from '../../shared/domain'
import { type ApprovalLevel, type ConversationTools, DEFAULT_TOOL_POLICY } from '../../shared/tool-previews'
import type { ConversationStore, SettingsService } from '../ports'
import { validWorkspaceFolder } from '../tools/workspace-folder'

export interface ToolSetup {
  /** Checks the folder (absolute, existing, a folder, not the root); it becomes the one new conversations start in. */
  setWorkspace(id: string, workspace: string | null): Promise<ConversationTools>
  setApprovalLevel(id: string, level: ApprovalLevel | null): Promise<ConversationTools>
  allowAlways(id: string, toolName: string): Promise<void>
}

/** A copy: it leaves the process, or becomes the next policy. */
export function toolsOf(conversation: ReadonlyConversation): ConversationTools {
  const { level, alwaysAllow } = conversation.toolPolicy ?? DEFAULT_TOOL_POLICY
  return { workspace: conversation.workspace, policy: { level, alwaysAllow: [...alwaysAllow] } }
}

/** Where a conversation's tools work and how their calls are approved. */
export function createToolSetup(store: ConversationStore, settings: SettingsService): ToolSetup {
  const policyOf = async (id: string) => toolsOf(await store.get(id)).policy
  return {
    async setWorkspace(id, workspace) {
      const folder = workspace === null ? null : await validWorkspaceFolder(workspace)
      await store.setWorkspace(id, folder)
      if (folder !== null) settings.update({ workspace: folder })
      return toolsOf(await store.get(id))
    },
    async setApprovalLevel(id, level) {
      await store.setToolPolicy(id, { ...(await policyOf(id)), level })
      return toolsOf(await store.get(id))
    },
    async allowAlways(id, toolName) {
      const policy = await policyOf(id)
      if (policy.alwaysAllow.includes(toolName)) return
      await store.setToolPolicy(id, { ...policy, alwaysAllow: [...policy.alwaysAllow, toolName] })
    },
  }
}
