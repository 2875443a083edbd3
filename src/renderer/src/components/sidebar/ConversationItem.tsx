import { memo, type ReactNode, useState } from 'react'
import type { SidebarEntry } from '../../../../shared/domain'
import { useChatStore } from '../../stores/chat-store'
import { useConversationsStore } from '../../stores/conversations-store'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { PencilIcon, PinIcon, TrashIcon } from '../common/icons'
import { RenameField } from './RenameField'

interface ConversationItemProps {
  conversation: SidebarEntry
  active: boolean
  busy: boolean
  /** Position in the whole list, which is only partly mounted: screen readers announce "3 of 10,000". */
  index: number
  setSize: number
  /** Pixels from the top of the list. */
  offset: number
  /** The list's one Tab stop (roving tabindex); the other entries are reached with the arrow keys. */
  tabbable: boolean
}

/** An action of the entry; only the list's focused entry puts its actions in the Tab order. */
function ItemAction({
  label,
  tabbable,
  onClick,
  children,
}: {
  label: string
  tabbable: boolean
  onClick(): void
  children: ReactNode
}) {
  return (
    <button type="button" className="icon-button" tabIndex={tabbable ? 0 : -1} aria-label={label} onClick={onClick}>
      {children}
    </button>
  )
}

/** One sidebar entry. Its text is exactly the title; the action buttons are icons named by aria-label. */
export const ConversationItem = memo(function ConversationItem({
  conversation,
  active,
  busy,
  index,
  setSize,
  offset,
  tabbable,
}: ConversationItemProps) {
  const [renaming, setRenaming] = useState(false)
  const [confirmingDelete, setConfirmingDelete] = useState(false)
  const rename = useConversationsStore((state) => state.rename)
  const setPinned = useConversationsStore((state) => state.setPinned)
  const remove = useConversationsStore((state) => state.remove)
  const open = useChatStore((state) => state.open)
  const close = useChatStore((state) => state.close)

  async function confirmDelete() {
    setConfirmingDelete(false)
    if ((await remove(conversation.id)) && active) close()
  }

  return (
    <li
      className={`conversation-item${active ? ' active' : ''}`}
      data-testid="conversation-item"
      data-index={index}
      data-conversation-id={conversation.id}
      aria-current={active ? 'page' : undefined}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      style={{ transform: `translateY(${offset}px)` }}
    >
      {renaming ? (
        <RenameField
          initialTitle={conversation.title}
          onCancel={() => setRenaming(false)}
          onSave={(title) => {
            setRenaming(false)
            void rename(conversation.id, title)
          }}
        />
      ) : (
        // biome-ignore lint/a11y/useValidAnchor: entries of the Conversations navigation are links (aria-current="page"); opening one is in-app, so the click stays in the page.
        <a
          href="#conversation"
          className="conversation-open"
          tabIndex={tabbable ? 0 : -1}
          aria-current={active ? 'page' : undefined}
          onClick={(event) => {
            event.preventDefault()
            void open(conversation.id)
          }}
        >
          {conversation.pinned && <PinIcon />}
          <span className="conversation-title">{conversation.title}</span>
          {busy && <span className="busy-dot" role="img" aria-label="Replying" />}
        </a>
      )}
      {!renaming && (
        <div className="conversation-actions">
          <ItemAction label="Rename" tabbable={tabbable} onClick={() => setRenaming(true)}>
            <PencilIcon />
          </ItemAction>
          <ItemAction
            label={conversation.pinned ? 'Unpin' : 'Pin'}
            tabbable={tabbable}
            onClick={() => void setPinned(conversation.id, !conversation.pinned)}
          >
            <PinIcon />
          </ItemAction>
          <ItemAction label="Delete" tabbable={tabbable} onClick={() => setConfirmingDelete(true)}>
            <TrashIcon />
          </ItemAction>
        </div>
      )}
      {confirmingDelete && (
        <ConfirmDialog
          title="Delete conversation?"
          confirmLabel="Delete"
          onConfirm={() => void confirmDelete()}
          onCancel={() => setConfirmingDelete(false)}
        >
          <p>“{conversation.title}” will be deleted. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </li>
  )
})
