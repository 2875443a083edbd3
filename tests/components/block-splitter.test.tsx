import { splitMarkdownBlocks } from '@renderer/markdown/block-splitter'
import { describe, expect, it } from 'vitest'

const texts = (markdown: string) => splitMarkdownBlocks(markdown).map((block) => block.text)

describe('splitting markdown into blocks', () => {
  it('splits paragraphs at blank lines', () => {
    expect(texts('One\nstill one\n\nTwo\n\n\nThree')).toEqual(['One\nstill one', 'Two', 'Three'])
  })

  it('keeps blank lines inside a fenced code block in one block', () => {
    const markdown = 'Intro\n\n```ts\nconst a = 1\n\nconst b = 2\n```\n\nAfter'
    expect(texts(markdown)).toEqual(['Intro', '```ts\nconst a = 1\n\nconst b = 2\n```', 'After'])
  })

  it('starts a new block where a fence interrupts a paragraph', () => {
    expect(texts('Look:\n```\ncode\n```\nDone')).toEqual(['Look:', '```\ncode\n```', 'Done'])
  })

  it('does not close a fence on a shorter or different marker', () => {
    const markdown = '````md\n```js\nx\n```\n````\n\nEnd'
    expect(texts(markdown)).toEqual(['````md\n```js\nx\n```\n````', 'End'])
  })

  it('marks a block that ends inside an unclosed fence as open', () => {
    const blocks = splitMarkdownBlocks('Text\n\n```py\nprint(1)\n')
    expect(blocks.map((block) => block.open)).toEqual([false, true])
  })

  it('keeps a table in one block', () => {
    const table = '| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |'
    expect(texts(`Before\n\n${table}\n\nAfter`)).toEqual(['Before', table, 'After'])
  })

  it('keeps a loose list with blank lines between items in one block', () => {
    const list = '- one\n\n- two\n\n  more about two\n\n- three'
    expect(texts(`${list}\n\nAfter the list`)).toEqual([list, 'After the list'])
  })

  it('keeps a fenced code block nested in a list item inside the list', () => {
    const list = '1. Run:\n\n   ```sh\n   npm test\n\n   npm run build\n   ```\n2. Done'
    expect(texts(list)).toEqual([list])
  })

  it('keeps a $$ math block with blank lines in one block', () => {
    const math = '$$\na = b\n\n+ c\n$$'
    expect(texts(`Formula:\n${math}\nafter`)).toEqual(['Formula:', math, 'after'])
  })

  it('treats a one-line $$ math block as a block of its own', () => {
    expect(texts('$$x^2$$\nText')).toEqual(['$$x^2$$', 'Text'])
  })

  it('marks an unclosed math block as open', () => {
    expect(splitMarkdownBlocks('$$\n\\frac{1').at(-1)?.open).toBe(true)
  })
})
