import { type FormEvent, type KeyboardEvent, useEffect, useRef } from 'react'
import { useChatStore } from '../../stores/chat-store'
import { useConnectionStore } from '../../stores/connection-store'
import { useConversationsStore } from '../../stores/conversations-store'
import { draftKey, useDraftsStore } from '../../stores/drafts-store'
import { useUiStore } from '../../stores/ui-store'

/**
 * Where the user writes. Enter sends, Shift+Enter makes a new line; while a reply streams, Stop replaces Send and
 * Escape anywhere stops it. The composer takes the focus on load, on New chat and whenever another conversation
 * opens. Its text is the open conversation's draft, kept while other conversations are open.
 */
export function Composer({ streaming }: { streaming: boolean }) {
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  const activeId = useConversationsStore((state) => state.activeId)
  const newChatEpoch = useChatStore((state) => state.newChatEpoch)
  const focusRequest = useUiStore((state) => state.composerFocusRequest)
  const key = draftKey(activeId)
  const text = useDraftsStore((state) => state.texts[key] ?? '')
  const setDraft = useDraftsStore((state) => state.setText)
  const sending = useChatStore((state) => state.sending)
  const send = useChatStore((state) => state.send)
  const stop = useChatStore((state) => state.stop)
  const connected = useConnectionStore((state) => state.connected)
  // While main is out of reach the text stays where it is; Send comes back with the connection.
  const canSend = text.trim() !== '' && !streaming && !sending && connected

  // biome-ignore lint/correctness/useExhaustiveDependencies: another conversation, New chat or a request is the trigger.
  useEffect(() => {
    textareaRef.current?.focus()
  }, [activeId, newChatEpoch, focusRequest])

  useEffect(() => {
    if (!streaming) return
    function onKeyDown(event: globalThis.KeyboardEvent) {
      // Dialogs take their own Escape before it gets here; a field that uses it (renaming) marks it handled.
      if (event.key !== 'Escape' || event.defaultPrevented) return
      event.preventDefault()
      void stop()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [streaming, stop])

  async function submit() {
    if (!canSend) return
    const sentText = text
    setDraft(key, '')
    if (await send(sentText)) return
    // Give the text back where the user now is (a new chat may have become its conversation), so nothing is lost.
    const shownKey = draftKey(useConversationsStore.getState().activeId)
    if ((useDraftsStore.getState().texts[shownKey] ?? '') === '') setDraft(shownKey, sentText)
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'ArrowUp' && text === '' && !streaming) {
      // ↑ in an empty composer edits the last message sent, as in most chat apps.
      const last = useChatStore.getState().thread?.messages.findLast((message) => message.role === 'user')
      if (!last) return
      event.preventDefault()
      useUiStore.getState().requestEdit(last.id)
      return
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    void submit()
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    void submit()
  }

  return (
    <>
      {!connected && (
        <p role="status" className="connection-status">
          Reconnecting to Codex Desk…
        </p>
      )}
      <form className="composer" onSubmit={handleSubmit}>
        <textarea
          ref={textareaRef}
          aria-label="Message"
          placeholder="Message Codex"
          rows={1}
          value={text}
          onChange={(event) => setDraft(key, event.target.value)}
          onKeyDown={handleKeyDown}
        />
        {streaming ? (
          <button type="button" className="secondary-button" onClick={() => void stop()}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary-button" disabled={!canSend}>
            Send
          </button>
        )}
      </form>
    </>
  )
}
