import type { AppError } from './errors'
import type { ApprovalLevel, ConversationToolPolicy, ToolCallPreview } from './tool-previews'

/**
 * A reasoning effort as the backend names it. The backend adds efforts over time (`max`, `ultra`), so any short
 * token is one; the ones the app knows are listed in `REASONING_EFFORTS`, weakest first, for clamping.
 */
export type ReasoningEffort = string
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const
/** What the contract and storage accept as an effort: a short lower-case token. */
export const EFFORT_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/

export type Theme = 'light' | 'dark' | 'system'

export interface ModelSpec {
  /** The slug sent as `model`. */
  id: string
  displayName: string
  description?: string
  contextWindow: number
  maxOutputTokens?: number
  /** Efforts the model accepts, in the backend's order; empty when the model does not reason. */
  efforts: ReasoningEffort[]
  defaultEffort?: ReasoningEffort
  capabilities: {
    tools: boolean
    images: boolean
    reasoning: boolean
    reasoningSummaries: boolean
    parallelToolCalls: boolean
  }
  /** Where the entry came from: the backend's `/models` list or the built-in registry. */
  source: 'backend' | 'builtin'
}

export interface TokenUsage {
  inputTokens: number
  cachedInputTokens: number
  outputTokens: number
  reasoningOutputTokens: number
  totalTokens: number
}

/**
 * How much of the model's context an answer's last round took: the conversation as the model saw it then, plus
 * what it wrote. (`usage` sums every tool round; this is only the last one.)
 */
export interface ContextUse {
  inputTokens: number
  outputTokens: number
  /** Characters of that round's request `input`, so a later request need only estimate what was added since. */
  inputChars: number
  /** The compaction that input was built with; absent when it held the full history. */
  compactionId?: string
}

/**
 * A summary, made by the model, that stands in for the older part of a conversation in requests: from the first
 * message through `throughMessageId`. The messages themselves stay on disk and on screen.
 */
export interface Compaction {
  id: string
  throughMessageId: string
  summary: string
  /** The model that wrote the summary. */
  model: string
  createdAt: number
}

export type ToolCallState = 'pending-approval' | 'running' | 'done' | 'denied' | 'error'

/** The parts of a message, in the order the model produced them (needed to replay reasoning items). */
export type MessagePart =
  | { kind: 'text'; text: string }
  | {
      kind: 'reasoning'
      /** Summary paragraphs, in `summary_index` order. */
      summary: string[]
      /** The complete `reasoning` output item as the backend sent it (with `encrypted_content`), replayed verbatim minus its id. */
      item?: Record<string, unknown>
    }
  | {
      kind: 'tool-call'
      callId: string
      name: string
      /** JSON string, as the model produced it. */
      arguments: string
      state: ToolCallState
      output?: string
      error?: string
      /** What the approval card shows: set when the call has to wait for the person's approval. */
      preview?: ToolCallPreview
    }

export type MessageRole = 'user' | 'assistant'

/** `incomplete`: the backend ended the turn early (`response.incomplete`); `cancelled`: the user pressed Stop. */
export type MessageState = 'done' | 'streaming' | 'error' | 'cancelled' | 'incomplete'

export interface ChatMessage {
  id: string
  role: MessageRole
  createdAt: number
  parts: MessagePart[]
  state: MessageState
  model?: string
  effort?: ReasoningEffort
  usage?: TokenUsage
  /** Assistant messages: the context use after the last round, for the context meter and the next request. */
  context?: ContextUse
  error?: AppError
  /** For `incomplete`: the backend's reason (`max_output_tokens`, `content_filter`, ...). */
  incompleteReason?: string
}

export interface ConversationSummary {
  id: string
  title: string
  createdAt: number
  /** Last activity, epoch ms; the sidebar sorts on it. */
  updatedAt: number
  pinned: boolean
  model: string
  effort: ReasoningEffort | null
  messageCount: number
  /** A short excerpt of the latest message. */
  preview: string
  /** A turn runs in this conversation right now (set by main's conversation service; storage never sets it). */
  busy?: boolean
}

/**
 * What the sidebar (and the open conversation's header: title, model) needs of a conversation, and all
 * `conversations:list` sends: with 10,000 conversations the full summaries (preview, message count) made the list
 * 2.9 MB to send, parse and keep.
 */
export type SidebarEntry = Pick<
  ConversationSummary,
  'id' | 'title' | 'createdAt' | 'updatedAt' | 'pinned' | 'busy' | 'model' | 'effort'
>

/** The first `limit` conversations in sidebar order (all of them without a limit), and how many there are. */
export interface SidebarList {
  entries: SidebarEntry[]
  total: number
}

/**
 * Something the app did to a conversation that the user should see where it happened among the messages.
 * `model-retired`: the backend stopped serving `from`, so the conversation moved to `to` before a request was sent.
 */
export interface ConversationNote {
  kind: 'model-retired'
  at: number
  /** The note follows this message; null: before the first one. */
  afterMessageId: string | null
  from: string
  to: string
}

export interface Conversation extends ConversationSummary {
  /** The folder its tools work in (the real path); null: no workspace tools are offered. */
  workspace: string | null
  /** Absent until the person changes it: the app-wide level, nothing always allowed. */
  toolPolicy?: ConversationToolPolicy
  messages: ChatMessage[]
  /** Oldest first; the last one whose message is still there is the one requests use. */
  compactions: Compaction[]
  /** Absent when there are none. */
  notes?: ConversationNote[]
}

/** Nothing in it may be changed, at any depth. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T

/**
 * A conversation as main's own readers get it from storage: the stored one itself, shared rather than copied, so the
 * compiler forbids changing it (storage freezes it too). Copy what must change.
 */
export type ReadonlyConversation = DeepReadonly<Conversation>
export type ReadonlyMessage = DeepReadonly<ChatMessage>

/**
 * A conversation as `conversations:get` returns it: its newest messages only (a long one would take too long to send
 * and show whole), with the answer being written as it stands, and `seq`, the number of the last of its chat events
 * this snapshot includes. The renderer applies only the events numbered after it.
 */
export interface ConversationSnapshot extends Omit<Conversation, 'messages'>, ConversationPage {
  /**
   * When no message in `messages` reports its context use: that of the newest older message that does, so the
   * context meter is right before older messages are paged in.
   */
  olderContext?: ContextUse
  seq: number
}

/** Consecutive messages of a conversation, oldest first, and how many come before them (`conversations:page`). */
export interface ConversationPage {
  messages: ChatMessage[]
  olderCount: number
}

export interface SearchHit {
  conversation: ConversationSummary
  /** The matching text with some context, for the result list. */
  snippet: string
}

export interface AccountState {
  status: 'signed-out' | 'signing-in' | 'signed-in'
  email?: string
  plan?: string
  accountId?: string
  /** Epoch ms when the access token expires. */
  expiresAt?: number
  /** While signing in: the URL the browser must open. */
  authorizeUrl?: string
  /** Why the user is signed out, for example "Your session expired. Sign in again." */
  message?: string
  /** How tokens are kept on this machine. */
  tokenStorage: TokenStorageMode
}

/** `encrypted`: OS keychain (safeStorage) or the harness's key file; `memory`: not persisted; `plain`: user accepted unencrypted storage. */
export type TokenStorageMode = 'encrypted' | 'memory' | 'plain'

export interface UsageWindow {
  usedPercent: number
  windowMinutes?: number
  /** Epoch ms. */
  resetsAt?: number
}

export interface UsageLimits {
  /** The 5-hour window. */
  primary?: UsageWindow
  /** The weekly window. */
  secondary?: UsageWindow
  planType?: string
  updatedAt: number
}

export interface Settings {
  theme: Theme
  /** The system prompt sent as `instructions`. */
  instructions: string
  /** Last used model and effort, the default for new conversations. */
  lastModel: string | null
  lastEffort: ReasoningEffort | null
  maxRetries: number
  retryBaseDelayMs: number
  streamIdleTimeoutMs: number
  /** `client_version` for `/models`. */
  modelsClientVersion: string
  /** The workspace folder last chosen for a conversation: a new conversation starts in it. */
  workspace: string | null
  /** Which tool calls wait for the person's approval, unless a conversation says otherwise. */
  approvalLevel: ApprovalLevel
  /** Model round-trips with tool calls per answer, so a confused model cannot loop forever. */
  maxToolRounds: number
  /** The user accepted keeping tokens unencrypted where the OS offers no encryption. */
  allowPlainTokenStorage: boolean
}

export interface AppInfo {
  version: string
  platform: string
  shell: 'electron' | 'web'
  dataDir: string
}

export const EXPORT_FORMATS = ['markdown', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Progress of a long import or export, reported every few thousand steps and once more at the end. */
export interface TransferProgress {
  done: number
  total: number
}

export interface ExportResult {
  filename: string
  /** Where the file was saved (Electron save dialog); absent when the renderer must download `content` itself. */
  savedTo?: string
  content?: string
  mimeType: string
}

/** A wait before the next attempt of a request, announced so the person sees a countdown (and can cut it short). */
export interface RetryNotice {
  /** 1-based number of the retry about to happen. */
  attempt: number
  maxRetries: number
  /** Epoch ms of the next attempt. */
  retryAt: number
  error: AppError
  /** Part of the answer had arrived: the whole request is re-sent ("Reconnecting… n/5") and replaces it. */
  reconnecting: boolean
}

/** Events of one chat turn, pushed from main to the renderer. The renderer folds them with a pure reducer. */
export type ChatEvent =
  | { type: 'turn-started'; conversationId: string; userMessage?: ChatMessage; assistantMessage: ChatMessage }
  | { type: 'part-added'; conversationId: string; messageId: string; partIndex: number; part: MessagePart }
  | { type: 'text-delta'; conversationId: string; messageId: string; partIndex: number; delta: string }
  | {
      type: 'reasoning-delta'
      conversationId: string
      messageId: string
      partIndex: number
      summaryIndex: number
      delta: string
    }
  | { type: 'part-updated'; conversationId: string; messageId: string; partIndex: number; part: MessagePart }
  /** A re-sent request replaces the broken attempt's output: the message's parts are now exactly these. */
  | { type: 'parts-reset'; conversationId: string; messageId: string; parts: MessagePart[] }
  | ({ type: 'retrying'; conversationId: string; messageId: string } & RetryNotice)
  /** Older messages were summarised for the request; the note shows after `compaction.throughMessageId`. */
  | { type: 'compacted'; conversationId: string; compaction: Compaction }
  | { type: 'turn-finished'; conversationId: string; message: ChatMessage }
  | { type: 'note-added'; conversationId: string; note: ConversationNote }

/** A chat event as main sends it: numbered per conversation, in the order they happened (see `ConversationSnapshot`). */
export type SequencedChatEvent = ChatEvent & { seq: number }
