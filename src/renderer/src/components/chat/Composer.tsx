import { type FormEvent, type KeyboardEvent, useState } from 'react'
import { useChatStore } from '../../stores/chat-store'

/** Where the user writes. Enter sends, Shift+Enter makes a new line; while a reply streams, Stop replaces Send. */
export function Composer({ streaming }: { streaming: boolean }) {
  const [text, setText] = useState('')
  const sending = useChatStore((state) => state.sending)
  const send = useChatStore((state) => state.send)
  const stop = useChatStore((state) => state.stop)
  const canSend = text.trim() !== '' && !streaming && !sending

  async function submit() {
    if (!canSend) return
    const sentText = text
    setText('')
    // Give the text back if it could not be sent, so nothing the user wrote is lost.
    if (!(await send(sentText))) setText((current) => (current === '' ? sentText : current))
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    void submit()
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    void submit()
  }

  return (
    <form className="composer" onSubmit={handleSubmit}>
      <textarea
        aria-label="Message"
        placeholder="Message Codex"
        rows={1}
        value={text}
        onChange={(event) => setText(event.target.value)}
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
  )
}
