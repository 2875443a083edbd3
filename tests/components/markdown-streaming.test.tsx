import { MarkdownText } from '@renderer/markdown/MarkdownText'
import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

const ANSWER = [
  'Here is a **summary** of the results.',
  '',
  '| Name | Score |',
  '| --- | ---: |',
  '| Ada | 10 |',
  '| Linus | 7 |',
  '',
  '```ts',
  'const total: number = 17',
  'function double(x: number) {',
  '  return x * 2',
  '}',
  '```',
].join('\n')

const FENCE_START = ANSWER.indexOf('```ts')

describe('streamed markdown', () => {
  it('shows every word of a streamed answer as it arrives, in order, with no markup left over', () => {
    const { container, rerender } = render(<MarkdownText text="" />)
    for (let length = 1; length <= ANSWER.length; length += 3) {
      const prefix = ANSWER.slice(0, length)
      rerender(<MarkdownText text={prefix} />)
      const shown = container.querySelector('.markdown')?.textContent ?? ''
      // The words complete so far (a word still being typed may yet become markup, like `**su`).
      const words = prefix.match(/[A-Za-z0-9]+(?=[^A-Za-z0-9])/g) ?? []
      let from = 0
      for (const word of words) {
        const at = shown.indexOf(word, from)
        expect(at, `"${word}" shows after ${length} characters`).toBeGreaterThanOrEqual(0)
        from = at + word.length
      }
      if (prefix.includes('**summary**')) expect(shown).not.toContain('**')
    }
  })

  it('shows the finished table with the right cells', () => {
    render(<MarkdownText text={ANSWER} />)
    const table = screen.getByRole('table')
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent))
    expect(rows).toEqual([
      ['Name', 'Score'],
      ['Ada', '10'],
      ['Linus', '7'],
    ])
  })

  it('shows code as plain text while its fence is still open', () => {
    const { container } = render(<MarkdownText text={ANSWER.slice(0, ANSWER.length - 4)} />)
    const code = container.querySelector('pre code')
    expect(code?.textContent).toContain('function double')
    expect(code?.querySelector('span')).toBeNull()
    expect(code?.hasAttribute('data-highlighted')).toBe(false)
  })

  it('highlights the code once the fence closes and offers to copy it', async () => {
    const { container, rerender } = render(<MarkdownText text={ANSWER.slice(0, FENCE_START + 20)} />)
    rerender(<MarkdownText text={ANSWER} />)
    await screen.findByText('function', { selector: '.hljs-keyword' })
    const code = container.querySelector('pre code[data-highlighted="true"]')
    expect(code?.textContent).toBe('const total: number = 17\nfunction double(x: number) {\n  return x * 2\n}')
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
  })
})
