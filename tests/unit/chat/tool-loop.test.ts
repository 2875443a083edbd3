import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createToolRegistry, defineTool } from '../../../src/main/tools'
import type { ChatEvent } from '../../../src/shared/domain'
import { setupChat } from './support/setup'

let workspace: string
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'codex-desk-chat-'))
})
afterEach(() => rm(workspace, { recursive: true, force: true }))

const isPendingApproval = (event: ChatEvent): event is Extract<ChatEvent, { type: 'part-added' }> =>
  event.type === 'part-added' && event.part.kind === 'tool-call' && event.part.state === 'pending-approval'

describe('tool loop', () => {
  it('runs a tool the model calls, sends its output back and finishes the answer', async () => {
    const { fake, ask, inputs } = await setupChat()
    fake.responses.enqueue(
      { kind: 'function-calls', calls: [{ name: 'get_current_time', arguments: '{}', callId: 'call_1' }] },
      { kind: 'text', text: 'It is noon.' },
    )

    const message = await ask('What time is it?')

    expect(message.state).toBe('done')
    expect(message.parts).toMatchObject([
      { kind: 'tool-call', callId: 'call_1', name: 'get_current_time', state: 'done' },
      { kind: 'text', text: 'It is noon.' },
    ])
    const sent = inputs()[1].find((item) => item.type === 'function_call_output')
    expect(sent).toEqual({
      type: 'function_call_output',
      call_id: 'call_1',
      output: (message.parts[0] as { output: string }).output,
    })
  })

  it('runs two calls of one answer at the same time', async () => {
    // Each call waits until the other one has started: run one after the other, they would time out.
    let started = 0
    let bothStarted: () => void = () => {}
    const barrier = new Promise<void>((resolve) => {
      bothStarted = resolve
    })
    const meet = defineTool({
      name: 'meet',
      description: 'waits for its twin',
      args: z.object({ who: z.string() }),
      approval: 'auto',
      needsWorkspace: false,
      timeoutMs: 5_000,
      outputCap: 100,
      async run({ who }) {
        if (++started === 2) bothStarted()
        await barrier
        return `${who} met`
      },
    })
    const { fake, ask } = await setupChat({ tools: createToolRegistry([meet]) })
    fake.responses.enqueue(
      {
        kind: 'function-calls',
        calls: [
          { name: 'meet', arguments: '{"who":"A"}', callId: 'a' },
          { name: 'meet', arguments: '{"who":"B"}', callId: 'b' },
        ],
      },
      { kind: 'text', text: 'Both met.' },
    )

    const message = await ask('Meet up')

    expect(message.parts).toMatchObject([
      { callId: 'a', state: 'done', output: 'A met' },
      { callId: 'b', state: 'done', output: 'B met' },
      { kind: 'text', text: 'Both met.' },
    ])
  })

  it('runs forty calls of one answer without a warning about too many listeners', async () => {
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`)
    process.on('warning', onWarning)
    const calls = Array.from({ length: 40 }, (_, index) => ({
      name: 'get_current_time',
      arguments: '{}',
      callId: `call_${index}`,
    }))
    const { fake, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'function-calls', calls }, { kind: 'text', text: 'Forty times noon.' })

    const message = await ask('What time is it, forty times?')
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve))
    process.off('warning', onWarning)

    expect(message.parts.filter((part) => part.kind === 'tool-call' && part.state === 'done')).toHaveLength(40)
    expect(warnings).toEqual([])
  })

  it('writes a file only after the user approves', async () => {
    const { fake, harness, id } = await setupChat({ settings: { workspace } })
    fake.responses.enqueue(
      {
        kind: 'function-calls',
        calls: [{ name: 'write_file', arguments: '{"path":"hello.txt","content":"hi"}', callId: 'w1' }],
      },
      { kind: 'text', text: 'Written.' },
    )
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Write hello.txt' })
    await harness.waitForEvent(isPendingApproval)
    await expect(readFile(join(workspace, 'hello.txt'), 'utf8')).rejects.toThrow()

    await harness.call('tools:decide', { conversationId: id, callId: 'w1', decision: 'approve' })
    const message = await finished

    expect(await readFile(join(workspace, 'hello.txt'), 'utf8')).toBe('hi')
    expect(message.parts[0]).toMatchObject({ kind: 'tool-call', state: 'done' })
    const states = harness.chatEvents
      .filter((event) => event.type === 'part-added' || event.type === 'part-updated')
      .map((event) => (event.part.kind === 'tool-call' ? event.part.state : event.part.kind))
    // The second pending-approval brings the card's preview.
    expect(states).toEqual(['pending-approval', 'pending-approval', 'running', 'done', 'text'])
  })

  it('tells the model when the user denies a tool call', async () => {
    const { fake, harness, id, inputs } = await setupChat({ settings: { workspace } })
    fake.responses.enqueue(
      { kind: 'function-calls', calls: [{ name: 'run_command', arguments: '{"command":"touch ran"}', callId: 'r1' }] },
      { kind: 'text', text: 'Understood, I will not run it.' },
    )
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Run it' })
    await harness.waitForEvent(isPendingApproval)
    await harness.call('tools:decide', { conversationId: id, callId: 'r1', decision: 'deny' })
    const message = await finished

    expect(message.state).toBe('done')
    expect(message.parts[0]).toMatchObject({ state: 'denied' })
    expect(inputs()[1].at(-1)).toEqual({
      type: 'function_call_output',
      call_id: 'r1',
      output: 'Tool call was not run (denied by the user).',
    })
    await expect(readFile(join(workspace, 'ran'))).rejects.toThrow()
  })

  it('reports a failing tool to the model as an error output', async () => {
    const { fake, ask } = await setupChat({ settings: { workspace } })
    fake.responses.enqueue(
      {
        kind: 'function-calls',
        calls: [{ name: 'read_file', arguments: '{"path":"../../etc/passwd"}', callId: 'f1' }],
      },
      { kind: 'text', text: 'No.' },
    )
    const message = await ask('Read the password file')
    expect(message.parts[0]).toMatchObject({ state: 'error', output: expect.stringMatching(/^Error: .*outside/) })
    expect(message.state).toBe('done')
  })

  it('stops calling tools after 25 rounds and says the answer was cut short', async () => {
    const { fake, ask } = await setupChat()
    fake.responses.enqueue({
      kind: 'function-calls',
      calls: [{ name: 'get_current_time', arguments: '{}' }],
      times: 26,
    })
    const message = await ask('Keep checking the time')
    expect(fake.responses.requests).toHaveLength(25)
    expect(message).toMatchObject({ state: 'incomplete', incompleteReason: 'tool_call_limit' })
  })

  it('stops calling tools after as many rounds as the setting allows', async () => {
    const { fake, ask } = await setupChat({ settings: { maxToolRounds: 3 } })
    fake.responses.enqueue({ kind: 'function-calls', calls: [{ name: 'get_current_time', arguments: '{}' }], times: 4 })
    const message = await ask('Keep checking the time')
    expect(fake.responses.requests).toHaveLength(3)
    expect(message).toMatchObject({ state: 'incomplete', incompleteReason: 'tool_call_limit' })
  })
})
