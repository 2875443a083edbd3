import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderApp } from './support/render-app'
import { createTestApi, summary } from './support/test-api'

const conversations = [
  summary({ id: 'old', title: 'Trip planning', updatedAt: 100 }),
  summary({ id: 'recent', title: 'Bug hunt', updatedAt: 500 }),
  summary({ id: 'pinned', title: 'Pinned notes', updatedAt: 10, pinned: true }),
]

async function items() {
  const nav = await screen.findByRole('navigation', { name: 'Conversations' })
  return within(nav).findAllByTestId('conversation-item')
}

function itemTitled(title: string) {
  const item = screen.getAllByTestId('conversation-item').find((candidate) => candidate.textContent === title)
  if (!item) throw new Error(`no conversation titled ${title}`)
  return item
}

describe('sidebar', () => {
  it('lists pinned conversations first, then the newest', async () => {
    renderApp(createTestApi({ conversations }))
    await waitFor(async () => expect(await items()).toHaveLength(3))
    expect((await items()).map((item) => item.textContent)).toEqual(['Pinned notes', 'Bug hunt', 'Trip planning'])
  })

  it('marks the conversation I open as current', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi({ conversations }))
    await screen.findByText('Bug hunt')
    await user.click(screen.getByText('Bug hunt'))
    await waitFor(() => expect(itemTitled('Bug hunt').getAttribute('aria-current')).toBe('page'))
    expect(itemTitled('Trip planning').hasAttribute('aria-current')).toBe(false)
  })

  it('renames a conversation inline when I press Enter', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi({ conversations }))
    await screen.findByText('Trip planning')
    await user.click(within(itemTitled('Trip planning')).getByRole('button', { name: 'Rename' }))
    const field = screen.getByRole('textbox', { name: 'Conversation title' })
    await user.clear(field)
    await user.type(field, 'Summer trip{Enter}')
    await screen.findByText('Summer trip')
    expect(screen.queryByText('Trip planning')).toBeNull()
  })

  it('keeps the old title when I press Escape while renaming', async () => {
    const user = userEvent.setup()
    const api = createTestApi({ conversations })
    renderApp(api)
    await screen.findByText('Trip planning')
    await user.click(within(itemTitled('Trip planning')).getByRole('button', { name: 'Rename' }))
    await user.type(screen.getByRole('textbox', { name: 'Conversation title' }), ' draft{Escape}')
    expect(itemTitled('Trip planning')).toBeTruthy()
    expect(api.invokesOf('conversations:rename')).toEqual([])
  })

  it('asks me to confirm before deleting a conversation', async () => {
    const user = userEvent.setup()
    const api = createTestApi({ conversations })
    renderApp(api)
    await screen.findByText('Bug hunt')
    await user.click(within(itemTitled('Bug hunt')).getByRole('button', { name: 'Delete' }))
    const dialog = screen.getByRole('dialog')
    expect(api.invokesOf('conversations:delete')).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }))
    await waitFor(async () => expect(await items()).toHaveLength(2))
    expect(api.invokesOf('conversations:delete')).toEqual([{ id: 'recent' }])
  })

  it('shows a busy indicator on a conversation that is replying', async () => {
    const api = createTestApi({ conversations })
    renderApp(api)
    await screen.findByText('Trip planning')
    api.emitChat({
      type: 'turn-started',
      conversationId: 'old',
      assistantMessage: { id: 'a1', role: 'assistant', createdAt: 1, parts: [], state: 'streaming' },
    })
    expect(within(itemTitled('Trip planning')).getByRole('img', { name: 'Replying' })).toBeTruthy()
  })

  it('mounts only a screenful of a list of 10,000 conversations, newest first', async () => {
    const many = Array.from({ length: 10_000 }, (_, index) =>
      summary({ id: `c${index}`, title: `Conversation ${index}`, updatedAt: index }),
    )
    renderApp(createTestApi({ conversations: many }))
    const mounted = await items()
    expect(mounted.length).toBeGreaterThan(0)
    expect(mounted.length).toBeLessThan(100)
    expect(mounted[0].textContent).toBe('Conversation 9999')
    expect(mounted[0].getAttribute('aria-setsize')).toBe('10000')
  })

  it('shows the newest of a long list before the rest has arrived, then all of it', async () => {
    const many = Array.from({ length: 10_000 }, (_, index) =>
      summary({ id: `c${index}`, title: `Conversation ${index}`, updatedAt: index }),
    ).reverse()
    const api = createTestApi()
    let sendRest = () => {}
    const rest = new Promise<void>((resolve) => {
      sendRest = resolve
    })
    api.handle('conversations:list', async (request) => {
      if (request?.limit === undefined) await rest
      return { entries: many.slice(0, request?.limit), total: many.length }
    })
    renderApp(api)

    const first = await items()
    expect(first[0].textContent).toBe('Conversation 9999')
    expect(first[0].getAttribute('aria-setsize')).toBe('100')
    sendRest()
    await waitFor(async () => expect((await items())[0].getAttribute('aria-setsize')).toBe('10000'))
    expect((await items())[0].textContent).toBe('Conversation 9999')
  })

  it('is one Tab stop: the arrow keys move between conversations and Enter opens one', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi({ conversations }))
    await waitFor(async () => expect(await items()).toHaveLength(3))
    await user.click(screen.getByRole('searchbox', { name: 'Search conversations' }))

    await user.tab()
    expect(document.activeElement?.textContent).toBe('Pinned notes')
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}')
    expect(document.activeElement?.textContent).toBe('Bug hunt')
    await user.keyboard('{Enter}')
    await waitFor(() => expect(itemTitled('Bug hunt').getAttribute('aria-current')).toBe('page'))
    // Opening a conversation puts me where I write.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' })))
  })

  it('reaches the focused entry’s actions with Tab, then leaves the list', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi({ conversations }))
    await waitFor(async () => expect(await items()).toHaveLength(3))
    await user.click(screen.getByRole('searchbox', { name: 'Search conversations' }))
    await user.tab()
    await user.keyboard('{ArrowDown}')

    const stops = []
    for (let press = 0; press < 4; press++) {
      await user.tab()
      stops.push(document.activeElement?.getAttribute('aria-label'))
    }
    // The focused entry's own actions, then out of the list: the other entries are not Tab stops.
    expect(stops).toEqual(['Rename', 'Pin', 'Delete', expect.not.stringMatching(/Rename|Pin|Delete/)])
  })

  it('End and Home jump to the last and the first conversation', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi({ conversations }))
    await waitFor(async () => expect(await items()).toHaveLength(3))
    await user.click(screen.getByRole('searchbox', { name: 'Search conversations' }))
    await user.tab()
    await user.keyboard('{End}')
    expect(document.activeElement?.textContent).toBe('Trip planning')
    await user.keyboard('{Home}')
    expect(document.activeElement?.textContent).toBe('Pinned notes')
  })

  describe('date sections', () => {
    const now = new Date(2026, 10, 28, 15, 0)
    const dated = [
      summary({ id: 'pin', title: 'Pinned notes', pinned: true, updatedAt: new Date(2026, 0, 5).getTime() }),
      summary({ id: 'today', title: 'This morning', updatedAt: new Date(2026, 10, 28, 9).getTime() }),
      summary({ id: 'yesterday', title: 'Last night', updatedAt: new Date(2026, 10, 27, 22).getTime() }),
      summary({ id: 'older', title: 'In October', updatedAt: new Date(2026, 9, 2).getTime() }),
    ]

    afterEach(() => vi.useRealTimers())

    it('shows Pinned, Today, Yesterday and the month as headers above their conversations', async () => {
      // Only the date is fixed; timers stay real, so the app runs as usual.
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(now)
      renderApp(createTestApi({ conversations: dated }))
      await waitFor(async () => expect(await items()).toHaveLength(4))
      const nav = screen.getByRole('navigation', { name: 'Conversations' })
      const order = [...nav.querySelectorAll('[data-testid="conversation-group"], [data-testid="conversation-item"]')]
      expect(order.map((row) => row.textContent)).toEqual([
        'Pinned',
        'Pinned notes',
        'Today',
        'This morning',
        'Yesterday',
        'Last night',
        'October 2026',
        'In October',
      ])
      expect(
        within(nav)
          .getAllByRole('heading')
          .map((heading) => heading.textContent),
      ).toHaveLength(4)
    })

    it('the arrow keys pass over the headers, and Tab still reaches one entry', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(now)
      const user = userEvent.setup()
      renderApp(createTestApi({ conversations: dated }))
      await waitFor(async () => expect(await items()).toHaveLength(4))
      await user.click(screen.getByRole('searchbox', { name: 'Search conversations' }))

      await user.tab()
      expect(document.activeElement?.textContent).toBe('Pinned notes')
      await user.keyboard('{ArrowDown}')
      expect(document.activeElement?.textContent).toBe('This morning')
      await user.keyboard('{ArrowDown}{ArrowDown}')
      expect(document.activeElement?.textContent).toBe('In October')
      await user.keyboard('{ArrowUp}')
      expect(document.activeElement?.textContent).toBe('Last night')
      expect(itemTitled('Last night').getAttribute('aria-posinset')).toBe('3')
      const tabbable = screen.getAllByRole('link').filter((link) => link.tabIndex === 0)
      expect(tabbable.map((link) => link.textContent)).toEqual(['Last night'])
    })
  })
})
