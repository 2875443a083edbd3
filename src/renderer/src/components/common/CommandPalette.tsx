/**
 * Ctrl/Cmd+K: one box to open a conversation by its title or run an action, without the mouse. Arrow keys move the
 * choice, Enter takes it, Escape closes.
 */
import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react'
import type { Theme } from '../../../../shared/domain'
import { useChatStore } from '../../stores/chat-store'
import { sortConversations, useConversationsStore } from '../../stores/conversations-store'
import { useSettingsStore } from '../../stores/settings-store'
import { useNarrowWindow, useUiStore } from '../../stores/ui-store'
import { queryWords } from '../../text/query-words'
import { Dialog } from './Dialog'

interface Choice {
  id: string
  label: string
  /** Shown after the label, muted: what kind of choice it is. */
  kind: 'Action' | 'Conversation'
  run(): void
}

/** Conversations shown at most: the box narrows them down as one types. */
const MAX_CONVERSATIONS = 50

function matches(label: string, words: string[]): boolean {
  const lower = label.toLowerCase()
  return words.every((word) => lower.includes(word))
}

export function CommandPalette() {
  const open = useUiStore((state) => state.paletteOpen)
  if (!open) return null
  return <Palette />
}

function Palette() {
  const close = useUiStore((state) => state.closePalette)
  const summaries = useConversationsStore((state) => state.summaries)
  const narrow = useNarrowWindow()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()

  const actions = useMemo<Choice[]>(() => {
    const setTheme = (theme: Theme) => () => void useSettingsStore.getState().update({ theme })
    return [
      { id: 'new-chat', label: 'New chat', kind: 'Action', run: () => useChatStore.getState().startNew() },
      { id: 'settings', label: 'Open Settings', kind: 'Action', run: () => useUiStore.getState().openSettings() },
      {
        id: 'sidebar',
        label: 'Show or hide the conversation list',
        kind: 'Action',
        run: () => useUiStore.getState().toggleSidebar(narrow),
      },
      { id: 'theme-light', label: 'Theme: light', kind: 'Action', run: setTheme('light') },
      { id: 'theme-dark', label: 'Theme: dark', kind: 'Action', run: setTheme('dark') },
      { id: 'theme-system', label: 'Theme: as the system', kind: 'Action', run: setTheme('system') },
    ]
  }, [narrow])

  const words = queryWords(query)
  const conversations: Choice[] = sortConversations(summaries)
    .filter((summary) => matches(summary.title, words))
    .slice(0, MAX_CONVERSATIONS)
    .map((summary) => ({
      id: `conversation-${summary.id}`,
      label: summary.title,
      kind: 'Conversation',
      run: () => void useChatStore.getState().open(summary.id),
    }))
  const choices = [...conversations, ...actions.filter((action) => matches(action.label, words))]
  const current = Math.min(active, Math.max(choices.length - 1, 0))

  const activeOptionId = choices[current] ? `${listId}-${choices[current].id}` : undefined
  useEffect(() => {
    if (activeOptionId) document.getElementById(activeOptionId)?.scrollIntoView?.({ block: 'nearest' })
  }, [activeOptionId])

  function take(choice: Choice | undefined) {
    if (!choice) return
    close()
    choice.run()
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((current + step + choices.length) % Math.max(choices.length, 1))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      take(choices[current])
    }
  }

  return (
    <Dialog title="Command palette" onClose={close} className="command-palette">
      <input
        type="text"
        role="combobox"
        className="palette-input"
        aria-label="Search conversations and actions"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={activeOptionId}
        placeholder="Type a conversation title or an action"
        value={query}
        data-autofocus
        onChange={(event) => {
          setQuery(event.target.value)
          setActive(0)
        }}
        onKeyDown={handleKeyDown}
      />
      {choices.length === 0 && <p className="muted palette-empty">Nothing matches.</p>}
      {/* The focus stays in the box (aria-activedescendant names the choice); options take a click too. */}
      <div id={listId} role="listbox" aria-label="Conversations and actions" className="palette-list">
        {choices.map((choice, index) => (
          <div
            key={choice.id}
            id={`${listId}-${choice.id}`}
            role="option"
            tabIndex={-1}
            aria-selected={index === current}
            className="palette-choice"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => take(choice)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') take(choice)
            }}
          >
            <span className="palette-label">{choice.label}</span>
            <span className="muted palette-kind">{choice.kind}</span>
          </div>
        ))}
      </div>
    </Dialog>
  )
}
