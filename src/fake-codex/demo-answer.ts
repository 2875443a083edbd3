import type { Scenario } from './scenarios'

const HOUR = 3600

/**
 * What `npm run demo` answers: paced so streaming is visible, with a reasoning summary, a table, code and math,
 * and usage headers so the meters show — everything a person trying the app should see work.
 */
export function demoScenario(lastUserText: string): Scenario {
  const asked = lastUserText.trim().split('\n')[0]?.slice(0, 120) || 'an empty message'
  const now = Math.floor(Date.now() / 1000)
  return {
    kind: 'text',
    tokensPerSecond: 120,
    rateLimits: {
      primary: { usedPercent: 23, windowMinutes: 300, resetAt: now + 3 * HOUR },
      secondary: { usedPercent: 41, windowMinutes: 10080, resetAt: now + 4 * 24 * HOUR },
      planType: 'plus',
    },
    reasoning: [
      '**Reading the question**\n\nThe user is trying Codex Desk against the demo backend.',
      '**Planning the answer**\n\nShow Markdown, a table, code and math so every renderer path is visible.',
    ],
    text: [
      `You asked: *${asked}*`,
      '',
      'This is the **demo backend** — no account needed. Here is what answers can contain:',
      '',
      '| Feature | Where it shows |',
      '| --- | --- |',
      '| Reasoning summary | the collapsible block above |',
      '| Tables | right here |',
      '| Code | highlighted once the fence closes |',
      '| Math | $e^{i\\pi} + 1 = 0$ |',
      '',
      '```python',
      'def greet(name: str) -> str:',
      '    return f"Hello, {name}!"',
      '',
      'print(greet("Codex Desk"))',
      '```',
      '',
      '$$',
      '\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}',
      '$$',
      '',
      'Try **Stop** while this streams, **Regenerate**, **Edit** on your message, or another model in the picker.',
    ].join('\n'),
  }
}
