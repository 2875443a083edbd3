/**
 * What the user has typed and not yet sent, per conversation and for the new chat, so that opening another
 * conversation (or New chat) and coming back finds the text where it was.
 */
import { create } from 'zustand'

/** The key of the chat New chat opens, which has no conversation until its first message is sent. */
export const NEW_CHAT_DRAFT = 'new-chat'

interface DraftsState {
  texts: Record<string, string>
  setText(key: string, text: string): void
}

export const useDraftsStore = create<DraftsState>()((set) => ({
  texts: {},
  setText(key, text) {
    set((state) => {
      const { [key]: _previous, ...others } = state.texts
      return { texts: text === '' ? others : { ...others, [key]: text } }
    })
  },
}))

/** The draft the composer shows for the open conversation, or for the new chat when none is open. */
export function draftKey(activeId: string | null): string {
  return activeId ?? NEW_CHAT_DRAFT
}
