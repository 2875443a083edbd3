import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatEvent, MessagePart } from '../../../src/shared/domain'
import { setupChat } from './support/setup'

let workspace: string
beforeEach(async () => {
  workspace = await realpath(await mkdtemp(join(tmpdir(), 'codex-desk-approval-')))
})
afterEach(() => rm(workspace, { recursive: true, force: true }))

type ToolCallPart = Extract<MessagePart, { kind: 'tool-call' }>
type PartUpdated = Extract<ChatEvent, { type: 'part-updated' }>
const previewedCard = (event: ChatEvent): event is PartUpdated =>
  event.type === 'part-updated' &&
  event.part.kind === 'tool-call' &&
  event.part.state === 'pending-approval' &&
  event.part.preview !== undefined
const cardOf = (event: PartUpdated) => event.part as ToolCallPart

describe('approval cards', () => {
  it('shows the command and the folder it runs in before the person decides', async () => {
    const { fake, harness, id } = await setupChat({ settings: { workspace } })
    fake.responses.enqueue(
      { kind: 'function-calls', calls: [{ name: 'run_command', arguments: '{"command":"echo hi"}', callId: 'r1' }] },
      { kind: 'text', text: 'Done.' },
    )
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Say hi' })
    const card = cardOf(await harness.waitForEvent(previewedCard))
    expect(card.preview).toMatchObject({ kind: 'command', command: 'echo hi', cwd: workspace })

    await harness.call('tools:decide', { conversationId: id, callId: 'r1', decision: 'approve' })
    const message = await finished
    expect(message.parts[0]).toMatchObject({ state: 'done', preview: { kind: 'command', command: 'echo hi' } })
  })

  it('shows a write as a diff against the file as it is', async () => {
    await writeFile(join(workspace, 'notes.txt'), 'old line\n')
    const { fake, harness, id } = await setupChat({ settings: { workspace } })
    const args = JSON.stringify({ path: 'notes.txt', content: 'new line\n' })
    fake.responses.enqueue(
      { kind: 'function-calls', calls: [{ name: 'write_file', arguments: args, callId: 'w1' }] },
      { kind: 'text', text: 'Not written.' },
    )
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Rewrite the notes' })
    const card = cardOf(await harness.waitForEvent(previewedCard))
    expect(card.preview).toMatchObject({ kind: 'write', preview: { ok: true, path: 'notes.txt', isNew: false } })
    const diff = card.preview?.kind === 'write' && card.preview.preview.ok ? card.preview.preview.diff : ''
    expect(diff).toContain('-old line')
    expect(diff).toContain('+new line')

    await harness.call('tools:decide', { conversationId: id, callId: 'w1', decision: 'deny' })
    await finished
    expect(await readFile(join(workspace, 'notes.txt'), 'utf8')).toBe('old line\n')
  })

  it('runs later calls of a tool without asking once the person chose "Always allow"', async () => {
    const { fake, harness, id, store } = await setupChat({ settings: { workspace } })
    const command = (callId: string) => ({ name: 'run_command', arguments: '{"command":"echo once"}', callId })
    fake.responses.enqueue(
      { kind: 'function-calls', calls: [command('a1')] },
      { kind: 'function-calls', calls: [command('a2')] },
      { kind: 'text', text: 'Twice.' },
    )
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Echo twice' })
    await harness.waitForEvent(previewedCard)
    await harness.call('tools:decide', { conversationId: id, callId: 'a1', decision: 'always' })
    const message = await finished

    expect(message.parts.slice(0, 2)).toMatchObject([
      { callId: 'a1', state: 'done' },
      { callId: 'a2', state: 'done' },
    ])
    expect((await store.get(id)).toolPolicy).toEqual({ level: null, alwaysAllow: ['run_command'] })
  })

  it('"Always allow" also runs the calls of that tool already waiting in the same answer', async () => {
    const { fake, harness, id } = await setupChat({ settings: { workspace } })
    const command = (callId: string) => ({ name: 'run_command', arguments: '{"command":"echo same"}', callId })
    fake.responses.enqueue(
      { kind: 'function-calls', calls: [command('b1'), command('b2')] },
      { kind: 'text', text: 'Both.' },
    )
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Echo twice at once' })
    await harness.waitForEvent(
      (event: ChatEvent): event is PartUpdated =>
        previewedCard(event) && event.part.kind === 'tool-call' && event.part.callId === 'b2',
    )
    await harness.call('tools:decide', { conversationId: id, callId: 'b1', decision: 'always' })
    const message = await finished
    expect(message.parts.slice(0, 2)).toMatchObject([
      { callId: 'b1', state: 'done' },
      { callId: 'b2', state: 'done' },
    ])
  })

  it('asks before reading a file when the conversation asks for everything', async () => {
    await writeFile(join(workspace, 'a.txt'), 'alpha')
    const { fake, harness, id } = await setupChat({ settings: { workspace } })
    await harness.call('conversations:set-approval-level', { id, level: 'ask-all' })
    fake.responses.enqueue(
      { kind: 'function-calls', calls: [{ name: 'read_file', arguments: '{"path":"a.txt"}', callId: 'f1' }] },
      { kind: 'text', text: 'Read.' },
    )
    const finished = harness.nextFinished(id)
    await harness.call('chat:send', { conversationId: id, text: 'Read a.txt' })
    expect(cardOf(await harness.waitForEvent(previewedCard)).name).toBe('read_file')
    await harness.call('tools:decide', { conversationId: id, callId: 'f1', decision: 'approve' })
    expect((await finished).parts[0]).toMatchObject({ state: 'done', output: expect.stringContaining('alpha') })
  })

  it('runs a command without asking when the app is set to run everything', async () => {
    const { fake, ask } = await setupChat({ settings: { workspace, approvalLevel: 'run-all' } })
    fake.responses.enqueue(
      { kind: 'function-calls', calls: [{ name: 'run_command', arguments: '{"command":"echo free"}', callId: 'c1' }] },
      { kind: 'text', text: 'Ran.' },
    )
    const message = await ask('Run it')
    expect(message.parts[0]).toMatchObject({ state: 'done', output: expect.stringContaining('free') })
    expect((message.parts[0] as ToolCallPart).preview).toBeUndefined()
  })
})

describe('workspace per conversation', () => {
  it('offers the workspace tools only once the conversation has a folder', async () => {
    const { fake, harness, id, ask } = await setupChat()
    fake.responses.enqueue({ kind: 'text', text: 'One.' }, { kind: 'text', text: 'Two.' })
    const offered = () =>
      (fake.responses.requests.at(-1)?.body as { tools?: { name: string }[] } | undefined)?.tools?.map(
        (tool) => tool.name,
      )

    await ask('Hello')
    expect(offered()).not.toContain('read_file')
    await harness.call('conversations:set-workspace', { id, workspace })
    await ask('Again')
    expect(offered()).toContain('read_file')
  })

  it('refuses a folder that does not exist and keeps the one it had', async () => {
    const { harness, id, store } = await setupChat({ settings: { workspace } })
    await expect(
      harness.call('conversations:set-workspace', { id, workspace: join(workspace, 'missing') }),
    ).rejects.toMatchObject({ error: { kind: 'invalid-payload' } })
    expect((await store.get(id)).workspace).toBe(workspace)
  })

  it('starts a new conversation in the folder chosen last', async () => {
    const { harness, id } = await setupChat()
    await harness.call('conversations:set-workspace', { id, workspace })
    const created = await harness.call('conversations:create', undefined)
    expect((await harness.call('conversations:get', { id: created.id })).workspace).toBe(workspace)
  })
})
