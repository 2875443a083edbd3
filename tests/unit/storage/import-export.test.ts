import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConversationStore } from '../../../src/main/ports'
import { assistantMessage, newChat, openStore, tempDataDir, userMessage } from './support'

async function chatAboutTheReadme(store: ConversationStore) {
  const { id } = await store.create(newChat)
  await store.appendUserMessage(id, userMessage('What does the readme say?'))
  await store.recordAssistantMessage(
    id,
    assistantMessage([
      { kind: 'reasoning', summary: ['Reading it first.'], item: { type: 'reasoning', encrypted_content: 'x' } },
      {
        kind: 'tool-call',
        callId: 'call_1',
        name: 'read_file',
        arguments: '{"path":"README.md"}',
        state: 'done',
        output: 'Use ```npm start```.',
      },
      { kind: 'text', text: 'It says to run `npm start`.' },
    ]),
    { flush: true },
  )
  return id
}

async function filesOf(dataDir: string): Promise<Record<string, string>> {
  const dir = join(dataDir, 'conversations')
  const names = (await readdir(dir)).filter((name) => name !== '.lock').sort()
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')])),
  )
}

const validExport = (messages: unknown[]) =>
  JSON.stringify({
    format: 'codex-desk.conversation',
    version: 1,
    conversation: {
      id: 'x',
      title: 'Imported',
      createdAt: 1,
      updatedAt: 2,
      pinned: false,
      model: 'gpt-5.4',
      effort: null,
      messageCount: messages.length,
      preview: '',
      workspace: null,
      messages,
    },
  })

describe('export and import', () => {
  it('exports a conversation as Markdown with reasoning quoted and tool calls fenced', async () => {
    const store = await openStore(await tempDataDir())
    const id = await chatAboutTheReadme(store)

    const file = await store.export(id, 'markdown')

    expect(file).toMatchObject({ filename: 'What does the readme say.md', mimeType: 'text/markdown' })
    expect(file.content).toBe(
      [
        '# What does the readme say?',
        '## You',
        'What does the readme say?',
        '## Assistant (gpt-5.4)',
        '> **Reasoning**\n>\n> Reading it first.',
        '**Tool call: `read_file`** (done)',
        '```json\n{\n  "path": "README.md"\n}\n```',
        'Output:',
        '````\nUse ```npm start```.\n````',
        'It says to run `npm start`.\n',
      ].join('\n\n'),
    )
  })

  it('imports its own JSON export as a new conversation', async () => {
    const store = await openStore(await tempDataDir())
    const id = await chatAboutTheReadme(store)
    const original = await store.get(id)
    const exported = await store.export(id, 'json')
    expect(exported.mimeType).toBe('application/json')

    const imported = await store.import(exported.content)
    const copy = await store.get(imported.id)

    expect(imported.id).not.toBe(id)
    expect(store.list()).toHaveLength(2)
    expect(copy.messages.map((message) => message.id)).not.toContain(original.messages[0].id)
    expect(copy.messages.map(({ id: _id, ...rest }) => rest)).toEqual(
      original.messages.map(({ id: _id, ...rest }) => rest),
    )
    expect(copy.title).toBe(original.title)
  })

  it.each([
    ['a file that is not JSON', 'not json at all', /not valid JSON/],
    ['another app’s JSON', JSON.stringify({ format: 'other-app', version: 1, conversation: {} }), /not a Codex Desk/],
    ['a message with an unknown role', validExport([userMessage('hi', { role: 'system' as 'user' })]), /role/],
    [
      'a message with an unknown part kind',
      validExport([userMessage('hi', { parts: [{ kind: 'image' } as never] })]),
      /parts/,
    ],
    ['a message with an unknown state', validExport([userMessage('hi', { state: 'thinking' as 'done' })]), /state/],
    ['a conversation without its messages', validExport([]).replace(',"messages":[]', ''), /messages/],
    [
      'a reasoning item nested 5,000 levels deep',
      validExport([
        assistantMessage([{ kind: 'reasoning', summary: [], item: { type: 'reasoning', encrypted_content: 'DEEP' } }]),
      ]).replace('"DEEP"', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`),
      /nests data more than 64 levels/,
    ],
  ])('rejects %s and changes nothing', async (_name, content, reason) => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    await chatAboutTheReadme(store)
    // The search index is built and saved now: left to a reopened store, when it gets saved depends on how long the
    // import took, and a rejected import must not seem to have changed it.
    await store.search('readme')
    await store.close()
    const before = await filesOf(dataDir)
    const reopened = await openStore(dataDir)

    await expect(reopened.import(content)).rejects.toMatchObject({
      error: { kind: 'import-invalid', message: expect.stringMatching(reason) },
    })
    await reopened.close()
    expect(await filesOf(dataDir)).toEqual(before)
  })
})
