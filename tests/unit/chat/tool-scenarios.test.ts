import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toolScenarios } from '../../../src/fake-codex/tool-scenarios'
import type { ChatEvent, ChatMessage } from '../../../src/shared/domain'
import { setupChat } from './support/setup'

let workspace: string
beforeEach(async () => {
  workspace = await realpath(await mkdtemp(join(tmpdir(), 'codex-desk-scenarios-')))
  await writeFile(join(workspace, 'a.txt'), 'apple\n')
  await writeFile(join(workspace, 'b.txt'), 'banana\n')
  await writeFile(join(workspace, 'c.txt'), 'cherry\n')
})
afterEach(() => rm(workspace, { recursive: true, force: true }))

const answerText = (message: ChatMessage) =>
  message.parts.flatMap((part) => (part.kind === 'text' ? [part.text] : [])).join('')

describe('scripted tool scenarios of the fake backend', () => {
  it('answers one read with the output it received', async () => {
    const { fake, ask } = await setupChat({ settings: { workspace } })
    fake.responses.enqueue(...toolScenarios.oneCall('read_file', { path: 'a.txt' }))
    const message = await ask('What is in a.txt?')
    expect(answerText(message)).toContain('apple')
  })

  it('runs three reads of one answer and quotes each output', async () => {
    const { fake, ask } = await setupChat({ settings: { workspace } })
    fake.responses.enqueue(...toolScenarios.threeParallelCalls(['a.txt', 'b.txt', 'c.txt']))
    const message = await ask('Read all three')
    expect(message.parts.slice(0, 3)).toMatchObject([
      { callId: 'call_read_1', state: 'done' },
      { callId: 'call_read_2', state: 'done' },
      { callId: 'call_read_3', state: 'done' },
    ])
    for (const fruit of ['apple', 'banana', 'cherry']) expect(answerText(message)).toContain(fruit)
  })

  it('reports arguments the tool does not take back to the model', async () => {
    const { fake, ask } = await setupChat({ settings: { workspace } })
    fake.responses.enqueue(...toolScenarios.invalidArguments())
    const message = await ask('Read something')
    expect(message.parts[0]).toMatchObject({ state: 'error' })
    expect(answerText(message)).toContain('Invalid arguments for read_file')
  })

  it('shows a patch that does not apply as such, and changes nothing when approved', async () => {
    const { fake, harness, id } = await setupChat({ settings: { workspace } })
    fake.responses.enqueue(...toolScenarios.patchThatDoesNotApply('a.txt'))
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Patch a.txt' })
    const card = await harness.waitForEvent(
      (event: ChatEvent): event is Extract<ChatEvent, { type: 'part-updated' }> =>
        event.type === 'part-updated' && event.part.kind === 'tool-call' && event.part.preview !== undefined,
    )
    expect(card.part).toMatchObject({ preview: { kind: 'patch', preview: { ok: false } } })
    await harness.call('tools:decide', { conversationId: id, callId: 'call_bad_patch', decision: 'approve' })
    const message = await finished
    expect(message.parts[0]).toMatchObject({ state: 'error' })
    expect(answerText(message)).toContain('The patch did not apply')
    expect(await readFile(join(workspace, 'a.txt'), 'utf8')).toBe('apple\n')
  })
})
