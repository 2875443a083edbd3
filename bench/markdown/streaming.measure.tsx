import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { expect, it } from 'vitest'
import { MarkdownText } from '../../src/renderer/src/markdown/MarkdownText'

/** A long answer of the kind chat models write: paragraphs, lists, tables and code. */
function longAnswer(sections: number): string {
  const parts: string[] = []
  for (let i = 0; i < sections; i++) {
    parts.push(
      `## Section ${i + 1}\n\nThis paragraph explains step ${i + 1} with **bold** and \`inline code\`, long enough to wrap a line or two in the chat view.\n`,
      `- first point of ${i + 1}\n- second point with a [link](https://example.com/${i})\n- third point\n`,
      `| key | value |\n| --- | --- |\n| alpha | ${i} |\n| beta | ${i * 2} |\n`,
      `\`\`\`ts\nexport function step${i}(input: number): number {\n  return input * ${i + 1}\n}\n\`\`\`\n`,
    )
  }
  return parts.join('\n')
}

/** Cuts the answer into deltas of a few characters, the way tokens arrive, coalesced to ~30 updates a second of text. */
function prefixes(text: string, deltaChars: number): string[] {
  const cuts: string[] = []
  for (let end = deltaChars; end < text.length; end += deltaChars) cuts.push(text.slice(0, end))
  cuts.push(text)
  return cuts
}

function naive(text: string) {
  return (
    <div className="markdown">
      <Markdown remarkPlugins={[remarkGfm]}>{text}</Markdown>
    </div>
  )
}

function measure(render: (text: string) => React.ReactNode, steps: string[]): number[] {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  const durations: number[] = []
  for (const text of steps) {
    const start = performance.now()
    act(() => root.render(render(text)))
    durations.push(performance.now() - start)
  }
  act(() => root.unmount())
  container.remove()
  return durations
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
const last = (values: number[], share: number) => values.slice(Math.floor(values.length * (1 - share)))

it('measures streaming a long answer: block-memoized vs whole-message re-render', () => {
  const text = longAnswer(30)
  const steps = prefixes(text, 24)
  measure((value) => <MarkdownText text={value} />, steps.slice(0, 50)) // warm-up
  const blockwise = measure((value) => <MarkdownText text={value} />, steps)
  const whole = measure(naive, steps)
  const result = {
    chars: text.length,
    updates: steps.length,
    blockwiseTotalMs: blockwise.reduce((a, b) => a + b, 0),
    wholeTotalMs: whole.reduce((a, b) => a + b, 0),
    blockwiseTailMeanMs: mean(last(blockwise, 0.1)),
    wholeTailMeanMs: mean(last(whole, 0.1)),
  }
  writeFileSync(join(__dirname, '.results.json'), JSON.stringify(result))
  expect(result.updates).toBeGreaterThan(100)
})
