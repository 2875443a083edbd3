import { conversationMatches } from '@renderer/find/conversation-find'
import { MarkdownText } from '@renderer/markdown/MarkdownText'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../src/shared/domain'
import { renderApp } from './support/render-app'
import { createTestApi, summary } from './support/test-api'

const conversation = summary({ id: 'c1', title: 'Garden plans' })

function text(id: string, role: ChatMessage['role'], body: string): ChatMessage {
  return { id, role, createdAt: 1, parts: [{ kind: 'text', text: body }], state: 'done' }
}

const MESSAGES: ChatMessage[] = [
  text('u1', 'user', 'Plan my garden, please.'),
  text(
    'a1',
    'assistant',
    'A **Garden** needs sun. See [the guide](https://garden.example/start).\n\n```sh\nplant garden --now\n```',
  ),
  text('u2', 'user', 'And the shed?'),
  text('a2', 'assistant', 'Put the shed behind the garden.'),
]

async function openGardenPlans(messages = MESSAGES, shown = 'And the shed?') {
  const user = userEvent.setup()
  const api = createTestApi({ conversations: [conversation] })
  api.handle('conversations:get', () => ({
    ...conversation,
    workspace: null,
    compactions: [],
    messages,
    olderCount: 0,
    seq: 0,
  }))
  renderApp(api)
  await user.click(await screen.findByText('Garden plans'))
  await screen.findByText(shown)
  return user
}

function findField() {
  return screen.getByRole('searchbox', { name: 'Find in conversation' }) as HTMLInputElement
}

function marks() {
  return [...document.querySelectorAll<HTMLElement>('mark.find-hit')]
}

function currentMark() {
  const current = marks().filter((mark) => mark.hasAttribute('data-find-current'))
  expect(current).toHaveLength(1)
  return current[0]
}

function messageOf(element: HTMLElement) {
  return element.closest<HTMLElement>('[data-testid="message"]')
}

describe('find in conversation', () => {
  it('Ctrl+F opens the find bar; it counts and marks every hit in the text I can see', async () => {
    const user = await openGardenPlans()
    await user.keyboard('{Control>}f{/Control}')
    expect(document.activeElement).toBe(findField())

    await user.keyboard('garden')

    // The link's address is not on screen, so it is not a hit; the code block's hit is.
    expect(screen.getByText('1 of 4')).toBeTruthy()
    expect(marks().map((mark) => mark.textContent)).toEqual(['garden', 'Garden', 'garden', 'garden'])
    expect(messageOf(currentMark())?.textContent).toContain('Plan my garden')
    const codeBlock = document.querySelector('.code-block') as HTMLElement
    expect(within(codeBlock).getByText('garden', { selector: 'mark' })).toBeTruthy()
  })

  it('Enter goes to the next hit and Shift+Enter to the previous one, round the ends', async () => {
    const user = await openGardenPlans()
    await user.keyboard('{Control>}f{/Control}garden')

    await user.keyboard('{Enter}{Enter}{Enter}')
    expect(screen.getByText('4 of 4')).toBeTruthy()
    expect(messageOf(currentMark())?.textContent).toContain('behind the garden')
    await user.keyboard('{Enter}')
    expect(screen.getByText('1 of 4')).toBeTruthy()
    await user.keyboard('{Shift>}{Enter}{/Shift}')
    expect(screen.getByText('4 of 4')).toBeTruthy()
  })

  it('the Next match and Previous match buttons move the current hit too', async () => {
    const user = await openGardenPlans()
    await user.keyboard('{Control>}f{/Control}garden')
    await user.click(screen.getByRole('button', { name: 'Next match' }))
    expect(screen.getByText('2 of 4')).toBeTruthy()
    expect(currentMark().textContent).toBe('Garden')
    await user.click(screen.getByRole('button', { name: 'Previous match' }))
    expect(screen.getByText('1 of 4')).toBeTruthy()
  })

  it('says so when nothing matches', async () => {
    const user = await openGardenPlans()
    await user.keyboard('{Control>}f{/Control}greenhouse')
    expect(screen.getByText('No matches')).toBeTruthy()
    expect(marks()).toHaveLength(0)
    expect((screen.getByRole('button', { name: 'Next match' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('Escape closes the bar, takes the marks away and puts me back in the composer', async () => {
    const user = await openGardenPlans()
    await user.keyboard('{Control>}f{/Control}garden')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('searchbox', { name: 'Find in conversation' })).toBeNull()
    expect(marks()).toHaveLength(0)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' })))
  })

  it('searches a long conversation to the end before it counts', async () => {
    // 240 paragraphs to parse: more than one slice of the find's time, on any machine.
    const steps = (from: number) =>
      Array.from({ length: 40 }, (_, step) => `Step **${from + step}**: water the garden.`).join('\n\n')
    const long = Array.from({ length: 12 }, (_, index) =>
      index % 2 ? text(`m${index}`, 'assistant', steps(index * 40)) : text(`m${index}`, 'user', `Part ${index}`),
    )
    const user = await openGardenPlans(long, 'Part 10')
    await user.keyboard('{Control>}f{/Control}garden')
    // Real work on a shared machine: waited for generously, never timed.
    await waitFor(() => expect(screen.getByText('1 of 240')).toBeTruthy(), { timeout: 25_000 })
  }, 30_000)

  it('Ctrl+F with no conversation open leaves the key alone', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi())
    await user.keyboard('{Control>}f{/Control}')
    expect(screen.queryByRole('searchbox', { name: 'Find in conversation' })).toBeNull()
  })

  it('is listed with the keyboard shortcuts in Settings', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi())
    await user.keyboard('{Control>},{/Control}')
    const shortcuts = screen.getByRole('heading', { name: 'Keyboard shortcuts' }).closest('section') as HTMLElement
    const entry = within(shortcuts).getByText('Find in the conversation').closest('.shortcut') as HTMLElement
    expect([...entry.querySelectorAll('kbd')].map((key) => key.textContent)).toEqual(['Ctrl', 'F'])
  })
})

describe('the hits find counts', () => {
  it('are in every message, however long the conversation', () => {
    const many = Array.from({ length: 2_000 }, (_, index) =>
      text(`m${index}`, index % 2 ? 'assistant' : 'user', index % 500 === 0 ? 'a needle here' : 'hay'),
    )
    expect(conversationMatches(many, 'needle').map((match) => match.messageIndex)).toEqual([0, 500, 1000, 1500])
  })

  it('are exactly the ones marked on screen, whatever the markdown', () => {
    const samples: Array<[string, string]> = [
      ['AT&amp;T and at&t', 'at&t'],
      ['Escaped a\\*b and a*b', 'a*b'],
      ['Code `a\nb` spans lines', 'a b'],
      ['[a link](https://link.example) and a link', 'link'],
      ['| link | two |\n| --- | --- |\n| link | x |', 'link'],
      ['<span title="link">link</span>', 'link'],
      ['Split li**nk** is not a hit, link is', 'link'],
    ]
    for (const [markdown, query] of samples) {
      const counted = conversationMatches([text('a', 'assistant', markdown)], query).length
      const { container, unmount } = render(<MarkdownText text={markdown} find={{ query, current: null }} />)
      expect(container.querySelectorAll('mark.find-hit').length, markdown).toBe(counted)
      unmount()
    }
  })

  it('ignore case and count each occurrence once', () => {
    const matches = conversationMatches([text('u', 'user', 'Aaa AAA aa')], 'aa')
    expect(matches).toHaveLength(3)
  })

  it('leave out reasoning and tool output, which are folded away', () => {
    const message: ChatMessage = {
      id: 'a',
      role: 'assistant',
      createdAt: 1,
      state: 'done',
      parts: [
        { kind: 'reasoning', summary: ['thinking about the garden'] },
        { kind: 'text', text: 'The garden.' },
      ],
    }
    expect(conversationMatches([message], 'garden')).toEqual([
      { messageId: 'a', messageIndex: 0, partIndex: 1, block: 0, occurrence: 0 },
    ])
  })
})
