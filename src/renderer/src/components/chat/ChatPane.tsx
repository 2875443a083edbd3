import type { ChatMessage } from '../../../../shared/domain'
import { FindContext } from '../../find/find-context'
import { useConversationFind } from '../../find/use-conversation-find'
import { useAccountStore } from '../../stores/account-store'
import { useChatStore } from '../../stores/chat-store'
import { useConversationsStore } from '../../stores/conversations-store'
import { useUiStore } from '../../stores/ui-store'
import { SidebarToggle } from '../common/SidebarToggle'
import { Composer } from './Composer'
import { ContextMeter } from './ContextMeter'
import { ErrorDetails } from './ErrorDetails'
import { ExportButtons } from './ExportButtons'
import { FindBar } from './FindBar'
import { MessageList } from './MessageList'
import { ConversationModelPicker, NewChatModelPicker } from './ModelPicker'
import { NoticeBanners } from './NoticeBanners'
import { RetryBanner } from './RetryBanner'
import { ApprovalLevelPicker, WorkspaceButton } from './tools/WorkspaceControls'
import { UsageMeter } from './UsageMeter'

function SignInHint() {
  const account = useAccountStore((state) => state.account)
  const openSettings = useUiStore((state) => state.openSettings)
  if (!account || account.status === 'signed-in') return null
  return (
    <div className="banner banner-info">
      <span>{account.message ?? 'Sign in with your ChatGPT account in Settings to start chatting.'}</span>
      <button type="button" className="link-button" onClick={openSettings}>
        Go to sign-in
      </button>
    </div>
  )
}

/** The start screen: the model (and effort) for the chat the first message starts can be chosen here. */
function EmptyState() {
  return (
    <div className="empty-state">
      <h1>Codex Desk</h1>
      <p className="muted">Start a new chat, or just type below.</p>
      <NewChatModelPicker />
      <WorkspaceButton />
    </div>
  )
}

const NO_MESSAGES: ChatMessage[] = []

/** The open conversation: its header, messages, retry state and the composer. */
export function ChatPane() {
  const thread = useChatStore((state) => state.thread)
  const loadingId = useChatStore((state) => state.loadingId)
  const loadError = useChatStore((state) => state.loadError)
  const activeId = useConversationsStore((state) => state.activeId)
  const summary = useConversationsStore((state) => state.summaries.find((candidate) => candidate.id === activeId))
  const streaming = summary?.busy ?? false
  const older = useChatStore((state) => state.older)
  const loadOlder = useChatStore((state) => state.loadOlder)
  const loadAll = useChatStore((state) => state.loadAll)
  const find = useConversationFind(thread?.conversationId ?? null, thread?.messages ?? NO_MESSAGES, {
    olderCount: thread?.olderCount ?? 0,
    failed: older.error !== null,
    loadAll,
  })

  return (
    <main className="chat-pane">
      <header className="chat-header">
        <SidebarToggle />
        {summary && (
          <>
            <h1 className="chat-title">{summary.title}</h1>
            {thread && (
              <ContextMeter messages={thread.messages} olderContext={thread.olderContext} modelId={summary.model} />
            )}
            <WorkspaceButton />
            <ApprovalLevelPicker />
            <ConversationModelPicker conversation={summary} />
            <ExportButtons conversationId={summary.id} />
          </>
        )}
      </header>
      <NoticeBanners />
      <SignInHint />
      {loadError && (
        <div role="alert" className="banner banner-error">
          <ErrorDetails error={loadError} />
        </div>
      )}
      {thread && find.open && (
        <FindBar
          count={find.count}
          position={find.position}
          incomplete={thread.olderCount > 0 && older.error !== null}
        />
      )}
      {thread ? (
        <FindContext.Provider value={find.view}>
          <MessageList
            messages={thread.messages}
            compactions={thread.compactions}
            notes={thread.notes}
            busy={streaming}
            currentHit={find.view.current}
            olderCount={thread.olderCount}
            older={older}
            loadOlder={() => void loadOlder()}
            loadAll={() => void loadAll()}
          />
        </FindContext.Provider>
      ) : loadingId ? (
        <p className="loading muted">Loading…</p>
      ) : (
        <EmptyState />
      )}
      {thread?.retry && <RetryBanner retry={thread.retry} />}
      <div className="composer-area">
        <Composer streaming={streaming} />
        <UsageMeter />
      </div>
    </main>
  )
}
