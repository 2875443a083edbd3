/**
 * Find in the open conversation (Ctrl/Cmd+F): Enter goes to the next hit, Shift+Enter to the previous one, Escape
 * closes the bar and puts the focus back in the composer.
 */
import { type KeyboardEvent, useEffect, useRef } from 'react'
import { useFindStore } from '../../stores/find-store'
import { useUiStore } from '../../stores/ui-store'
import { ChevronDownIcon, ChevronUpIcon, CloseIcon } from '../common/icons'

interface FindBarProps {
  /** null while the conversation is still being searched. */
  count: number | null
  /** The current hit's place, from 0; null without hits. */
  position: number | null
  /** Older messages could not be loaded, so the whole conversation cannot be searched (the list offers Retry). */
  incomplete: boolean
}

function countLabel(query: string, count: number | null, position: number | null, incomplete: boolean): string {
  if (query === '') return ''
  if (count === null) return incomplete ? 'Earlier messages could not be loaded' : 'Searching…'
  if (count === 0 || position === null) return 'No matches'
  return `${position + 1} of ${count}`
}

export function FindBar({ count, position, incomplete }: FindBarProps) {
  const query = useFindStore((state) => state.query)
  const focusRequest = useFindStore((state) => state.focusRequest)
  const setQuery = useFindStore((state) => state.setQuery)
  const step = useFindStore((state) => state.step)
  const closeFind = useFindStore((state) => state.closeFind)
  const inputRef = useRef<HTMLInputElement>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: each Ctrl/Cmd+F is the trigger, not an input.
  useEffect(() => {
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [focusRequest])

  function close() {
    closeFind()
    useUiStore.getState().focusComposer()
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault()
      step(event.shiftKey ? -1 : 1, count ?? 0)
    } else if (event.key === 'Escape') {
      // Also keeps the browser from emptying the search field, and an answer being written from being stopped.
      event.preventDefault()
      close()
    }
  }

  return (
    <search className="find-bar">
      <input
        ref={inputRef}
        type="search"
        className="find-input"
        aria-label="Find in conversation"
        placeholder="Find in conversation"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={handleKeyDown}
      />
      <span className="find-count muted" role="status">
        {countLabel(query, count, position, incomplete)}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Previous match"
        disabled={!count}
        onClick={() => step(-1, count ?? 0)}
      >
        <ChevronUpIcon />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next match"
        disabled={!count}
        onClick={() => step(1, count ?? 0)}
      >
        <ChevronDownIcon />
      </button>
      <button type="button" className="icon-button" aria-label="Close find" onClick={close}>
        <CloseIcon />
      </button>
    </search>
  )
}
