/**
 * The seams between main's capabilities. Each is implemented in its own folder (storage/, auth/, settings/)
 * and consumed by others (chat/, codex/, the IPC handlers) only through these interfaces.
 */
import type {
  ChatMessage,
  Compaction,
  ContextUse,
  Conversation,
  ConversationSummary,
  ExportFormat,
  ReadonlyConversation,
  ReasoningEffort,
  SearchHit,
  Settings,
  UsageLimits,
} from '../shared/domain'
import type { ConversationToolPolicy } from '../shared/tool-previews'

/** How far a long job has got: `done` of `total` steps (what a step is, the job says). */
export type ReportProgress = (done: number, total: number) => void

export interface NewConversation {
  model: string
  effort: ReasoningEffort | null
  workspace: string | null
  title?: string
}

/** Part of a conversation's messages, with the rest of the conversation (`ConversationStore.window`). */
export interface ConversationWindow {
  conversation: Omit<Conversation, 'messages'>
  /** Oldest first. */
  messages: ChatMessage[]
  /** How many messages come before `messages[0]`. */
  olderCount: number
  /** When no message in `messages` reports its context use: that of the newest older message that does. */
  olderContext?: ContextUse
}

export interface ExportedFile {
  filename: string
  content: string
  mimeType: string
}

/** An export written where the person chose. */
export interface SavedExport {
  filename: string
  savedTo: string
  mimeType: string
}

/** Durable conversations (storage/). Every mutating call resolves only once the change is on disk. */
export interface ConversationStore {
  /** The index: every conversation, newest activity first, pinned first; never reads bodies. */
  list(): ConversationSummary[]
  search(query: string): Promise<SearchHit[]>
  /** From the index, without reading the body; undefined when there is no such conversation. */
  summary(id: string): ConversationSummary | undefined
  /**
   * The whole conversation, shared with storage rather than copied (a long one would cost a copy per send): frozen,
   * and replaced, not changed, by later writes. Throws AppError `not-found`.
   */
  get(id: string): Promise<ReadonlyConversation>
  /**
   * The `limit` messages just before message `before` (without it: the newest), copying only those; throws AppError
   * `not-found` when the conversation or that message is not there.
   */
  window(id: string, range: { before?: string; limit: number }): Promise<ConversationWindow>
  create(init: NewConversation): Promise<ConversationSummary>
  rename(id: string, title: string): Promise<ConversationSummary>
  /** Gives the conversation the title the model wrote, unless its title is no longer the automatic one (a rename wins). */
  setModelTitle(id: string, title: string): Promise<ConversationSummary>
  setPinned(id: string, pinned: boolean): Promise<ConversationSummary>
  /**
   * `replacing`: the model was changed by the app because the backend no longer serves that one; the conversation
   * keeps a note of it where it happened (`Conversation.notes`).
   */
  setModel(
    id: string,
    model: string,
    effort: ReasoningEffort | null,
    options?: { replacing?: string },
  ): Promise<ConversationSummary>
  /** The folder the conversation's tools work in; validated by the caller. */
  setWorkspace(id: string, workspace: string | null): Promise<ConversationSummary>
  setToolPolicy(id: string, policy: ConversationToolPolicy): Promise<ConversationSummary>
  delete(id: string): Promise<void>
  /**
   * Written before it resolves, so the user's message is in the file (safe from an app crash) before the request
   * leaves; its fsync is started then and finishes while the request is on its way.
   */
  appendUserMessage(conversationId: string, message: ChatMessage): Promise<ConversationSummary>
  /**
   * Writes the assistant message as it stands, replacing an earlier version of it; `flush: false` skips fsync (a
   * checkpoint of an answer still streaming). How often is the answer writer's business, not the store's.
   */
  recordAssistantMessage(conversationId: string, message: ChatMessage, options: { flush: boolean }): Promise<void>
  /**
   * Rewrites the file with one record per message when replaced versions (an answer's checkpoints) make it much
   * larger than that; atomically, so a crash leaves the old file or the new one.
   */
  compact(conversationId: string): Promise<void>
  /** Drops `messageId` and every message after it (edit and regenerate). */
  truncateFrom(conversationId: string, messageId: string): Promise<ConversationSummary>
  /** Keeps a summary of older messages for later requests; on disk before it resolves. */
  recordCompaction(conversationId: string, compaction: Compaction): Promise<void>
  /**
   * Renders an export off the main thread from the file as it stands between two writes; `onProgress` hears how many
   * of its lines have been read. Throws AppError `not-found`, or `storage` for a file it cannot read.
   */
  export(id: string, format: ExportFormat, onProgress?: ReportProgress): Promise<ExportedFile>
  /**
   * As export, written to the path `chooseDestination` gives once the file's name is known (null: the person
   * cancelled, and so is the export); whole or not at all, AppError `storage` when it cannot be written.
   */
  exportToFile(
    id: string,
    format: ExportFormat,
    chooseDestination: (filename: string) => Promise<string | null>,
    onProgress?: ReportProgress,
  ): Promise<SavedExport | null>
  /**
   * Validates a JSON export off the main thread and adds it as a new conversation; throws AppError `import-invalid`.
   * `onProgress` hears how many of its messages have been checked.
   */
  import(content: string, onProgress?: ReportProgress): Promise<ConversationSummary>
  /** Called with the new summary whenever a conversation changes, or with `removedId` when deleted. */
  onChange(listener: (change: { upserted?: ConversationSummary; removedId?: string }) => void): () => void
  close(): Promise<void>
}

export interface AccessCredentials {
  accessToken: string
  accountId: string
}

/** Bearer credentials for the Codex backend (auth/). */
export interface TokenProvider {
  /** Refreshes first when the access token is within 30 s of expiry. Throws AppError `not-signed-in` or `sign-in-again`. */
  getCredentials(): Promise<AccessCredentials>
  /**
   * After a 401 with `rejected`: refreshes once (unless another caller already did) and returns fresh credentials.
   * Throws AppError `sign-in-again` when the issuer rejects the refresh.
   */
  refreshAfterUnauthorized(rejected: AccessCredentials): Promise<AccessCredentials>
}

export interface SettingsService {
  get(): Settings
  update(patch: Partial<Settings>): Settings
  onChange(listener: (settings: Settings) => void): () => void
}

export interface UsageMeter {
  current(): UsageLimits | null
  update(limits: Partial<UsageLimits>): void
  onChange(listener: (limits: UsageLimits) => void): () => void
}
