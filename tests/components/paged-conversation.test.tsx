import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatMessage, ConversationPage } from '../../src/shared/domain'
import { renderApp } from './support/render-app'
import { createTestApi, summary } from './support/test-api'

const TOTAL = 300
const WINDOW = 60
const ROW_PX = 100

function message(index: number): ChatMessage {
  const text = index === 0 ? 'Where do the swallows winter?' : `Message number ${index}`
  return {
    id: `m${index}`,
    role: index % 2 === 0 ? 'user' : 'assistant',
    createdAt: index,
    parts: [{ kind: 'text', text }],
    state: 'done',
  }
}

const MESSAGES = Array.from({ length: TOTAL }, (_, index) => message(index))
const conversation = summary({ id: 'c1', title: 'Long thread', messageCount: TOTAL })

/** A page answer the test lets through when it chooses to. */
interface HeldPage {
  before: string
  release(): void
  fail(): void
}

/** Opens the conversation with its newest WINDOW messages; pages wait in `held` until the test lets them through. */
async function openLongThread() {
  const user = userEvent.setup()
  const held: HeldPage[] = []
  const api = createTestApi({ conversations: [conversation] })
  api.handle('conversations:get', () => ({
    ...conversation,
    workspace: null,
    compactions: [],
    messages: MESSAGES.slice(TOTAL - WINDOW),
    olderCount: TOTAL - WINDOW,
    seq: 0,
  }))
  api.handle(
    'conversations:page',
    ({ before, limit }) =>
      new Promise<ConversationPage>((resolve, reject) => {
        const end = MESSAGES.findIndex((candidate) => candidate.id === before)
        const start = Math.max(0, end - limit)
        held.push({
          before,
          release: () => resolve({ messages: MESSAGES.slice(start, end), olderCount: start }),
          fail: () => reject(new Error('The connection to the app was lost.')),
        })
      }),
  )
  renderApp(api)
  await user.click(await screen.findByText('Long thread'))
  // happy-dom sends no scroll event when the list scrolls itself to its end, as a browser would.
  await waitFor(() => {
    fireEvent.scroll(list())
    expect(screen.getByText(`Message number ${TOTAL - 1}`)).toBeTruthy()
  })
  return { user, held, api }
}

async function nextHeld(held: HeldPage[]): Promise<HeldPage> {
  await waitFor(() => expect(held.length).toBeGreaterThan(0))
  const page = held.shift()
  if (!page) throw new Error('no page asked for')
  return page
}

function list(): HTMLElement {
  return screen.getByRole('region', { name: 'Messages' })
}

function rowOf(text: string): HTMLElement {
  const row = screen.getByText(text).closest<HTMLElement>('.message-row')
  if (!row) throw new Error(`no row for ${text}`)
  return row
}

/** Where a row is drawn relative to the top of the list's viewport. */
function shownAt(row: HTMLElement): number {
  return Number.parseFloat(row.style.top) - list().scrollTop
}

describe('a long conversation', () => {
  // happy-dom does no layout: give each message row a height and the list a scroll height, so the list has a top
  // to near and rows to keep in place.
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('message-row') ? ROW_PX : 0
      },
    })
    Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
      configurable: true,
      get(this: HTMLElement) {
        const rows = this.querySelector<HTMLElement>(':scope > .message-rows')
        return rows ? Number.parseFloat(rows.style.height) : 0
      },
    })
  })
  afterEach(() => {
    Reflect.deleteProperty(HTMLElement.prototype, 'offsetHeight')
    Reflect.deleteProperty(HTMLElement.prototype, 'scrollHeight')
  })

  it('opens at its newest messages without asking for older ones', async () => {
    const { held, api } = await openLongThread()
    expect(screen.queryByText('Where do the swallows winter?')).toBeNull()
    expect(screen.getByRole('button', { name: 'Load earlier messages' })).toBeTruthy()
    expect(held).toEqual([])
    expect(api.invokesOf('conversations:page')).toEqual([])
  })

  it('pages older messages in as I scroll to the top, and what I was reading stays where it was', async () => {
    const { held } = await openLongThread()
    const reading = `Message number ${TOTAL - WINDOW + 3}`
    act(() => {
      list().scrollTop = 3 * ROW_PX
      fireEvent.scroll(list())
    })
    const before = shownAt(await waitFor(() => rowOf(reading)))

    const page = await nextHeld(held)
    expect(page.before).toBe(`m${TOTAL - WINDOW}`)
    expect(screen.getByRole('status').textContent).toBe('Loading earlier messages…')
    await act(async () => page.release())

    await screen.findByText(`Message number ${TOTAL - WINDOW - 1}`)
    await waitFor(() => expect(shownAt(rowOf(reading))).toBe(before))
  })

  it('says when a page failed, and Retry loads it', async () => {
    const { user, held } = await openLongThread()
    await user.click(screen.getByRole('button', { name: 'Load earlier messages' }))
    await act(async () => (await nextHeld(held)).fail())

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Earlier messages could not be loaded. The connection to the app was lost.')
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    const retried = await nextHeld(held)
    expect(retried.before).toBe(`m${TOTAL - WINDOW}`)
    await act(async () => retried.release())
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
  })

  it('find counts a word that is only in the first message, which was never paged in, and brings it into view', async () => {
    const { user, held } = await openLongThread()
    await user.keyboard('{Control>}f{/Control}')
    await user.keyboard('swallows')
    expect(screen.getByText('Searching…')).toBeTruthy()
    expect(screen.queryByText('Where do the swallows winter?')).toBeNull()

    await act(async () => (await nextHeld(held)).release())
    await screen.findByText('1 of 1')
    await waitFor(() => {
      fireEvent.scroll(list())
      const current = document.querySelector('mark[data-find-current]')
      expect(current?.textContent).toBe('swallows')
      expect(current?.closest('[data-testid="message"]')?.textContent).toContain('Where do the swallows winter?')
    })
  })

  it('find says it cannot search the whole conversation when older messages fail to load', async () => {
    const { user, held } = await openLongThread()
    await user.keyboard('{Control>}f{/Control}')
    await user.keyboard('swallows')
    await act(async () => (await nextHeld(held)).fail())
    await screen.findByText('Earlier messages could not be loaded')
  })

  it('Home goes to the first message, bringing in every older one', async () => {
    const { held } = await openLongThread()
    fireEvent.keyDown(rowOf(`Message number ${TOTAL - 1}`), { key: 'Home' })
    await act(async () => (await nextHeld(held)).release())
    await waitFor(() => {
      fireEvent.scroll(list())
      expect(screen.getByText('Where do the swallows winter?')).toBeTruthy()
    })
  })
})
