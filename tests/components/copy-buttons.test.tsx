import { MessageView } from '@renderer/components/chat/MessageView'
import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../src/shared/domain'

const answer: ChatMessage = {
  id: 'a1',
  role: 'assistant',
  createdAt: 1,
  state: 'done',
  parts: [{ kind: 'text', text: 'Run this:\n\n```sh\nnpm test\n```\n' }],
}

describe('copy buttons', () => {
  it('say "Copy" for the message and "Copy code" for its code block', () => {
    render(<MessageView message={answer} isLast={false} busy={false} />)
    const message = screen.getByTestId('message')
    expect(within(message).getAllByRole('button', { name: 'Copy' })).toHaveLength(1)
    const codeBlock = message.querySelector('.code-block') as HTMLElement
    expect(within(codeBlock).getByRole('button', { name: 'Copy code' })).toBeTruthy()
  })
})
