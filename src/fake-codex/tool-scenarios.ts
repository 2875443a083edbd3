/**
 * Scripted tool use for tests and the demo: the model calls tools, then answers from what it received. The answer
 * after a call quotes the outputs the request carried back, so a test proves the output reached the model.
 */
import type { Scenario } from './scenarios'

/** The answer to the tool outputs of the request it answers: each `function_call_output`, quoted. */
export type QuoteScenario = { kind: 'quote-tool-output'; lead?: string; times?: number }

/** What a test may enqueue: a scripted answer, or one made from the request it answers. */
export type QueuedScenario = Scenario | QuoteScenario

/** The outputs a request carries back, in order, by `call_id`. */
export function toolOutputsOf(input: unknown): { callId: string; output: string }[] {
  if (!Array.isArray(input)) return []
  return input.flatMap((item: { type?: unknown; call_id?: unknown; output?: unknown }) =>
    item?.type === 'function_call_output' && typeof item.call_id === 'string' && typeof item.output === 'string'
      ? [{ callId: item.call_id, output: item.output }]
      : [],
  )
}

/** Only the outputs sent back since the last assistant turn: those of the calls just answered. */
function latestOutputs(input: unknown): string[] {
  if (!Array.isArray(input)) return []
  let start = 0
  input.forEach((item: { type?: unknown }, index) => {
    if (item?.type === 'message') start = index + 1
  })
  return toolOutputsOf(input.slice(start)).map(({ output }) => output)
}

export function quoteToolOutput(scenario: QuoteScenario, input: unknown): Scenario {
  const outputs = latestOutputs(input)
  const quoted = outputs.length === 0 ? ['(no tool output reached me)'] : outputs
  const lead = scenario.lead ?? 'The tool returned:'
  return { kind: 'text', text: `${lead}\n\n${quoted.map((output) => `\`\`\`\n${output.trim()}\n\`\`\``).join('\n\n')}` }
}

const call = (name: string, args: Record<string, unknown>, callId: string) => ({
  name,
  arguments: JSON.stringify(args),
  callId,
})

/** Ready-made tool scenarios: enqueue the scenarios one returns, in order. */
export const toolScenarios = {
  /** One call of `name`, then an answer quoting its output. */
  oneCall(name: string, args: Record<string, unknown>, callId = 'call_one'): QueuedScenario[] {
    return [{ kind: 'function-calls', calls: [call(name, args, callId)] }, { kind: 'quote-tool-output' }]
  },
  /** Three reads in one answer (they run at the same time), then an answer quoting all three outputs. */
  threeParallelCalls(paths: [string, string, string]): QueuedScenario[] {
    return [
      {
        kind: 'function-calls',
        calls: paths.map((path, index) => call('read_file', { path }, `call_read_${index + 1}`)),
      },
      { kind: 'quote-tool-output', lead: 'The three files say:' },
    ]
  },
  /** A call whose arguments are not what the tool takes: the error goes back to the model. */
  invalidArguments(): QueuedScenario[] {
    return [
      { kind: 'function-calls', calls: [{ name: 'read_file', arguments: '{"file":42}', callId: 'call_invalid' }] },
      { kind: 'quote-tool-output', lead: 'That call failed:' },
    ]
  },
  /** A patch whose context is not in the file: the card says it does not apply, and nothing changes. */
  patchThatDoesNotApply(path: string): QueuedScenario[] {
    const input = `*** Begin Patch\n*** Update File: ${path}\n@@\n-a line that is not in the file\n+a replacement\n*** End Patch\n`
    return [
      { kind: 'function-calls', calls: [call('apply_patch', { input }, 'call_bad_patch')] },
      { kind: 'quote-tool-output', lead: 'The patch did not apply:' },
    ]
  },
}
