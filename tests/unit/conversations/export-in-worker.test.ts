import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { recordsOf } from '../../../src/main/storage/conversation-records'
import { exportContent } from '../../../src/main/storage/conversation-transfer'
import { RECORD_VERSIONING } from '../../../src/main/storage/migrations'
import { storagePaths } from '../../../src/main/storage/paths'
import { serializeRecord } from '../../../src/main/storage/records'
import type { ChatMessage, Conversation } from '../../../src/shared/domain'
import { type SetupOptions, setupChat } from '../chat/support/setup'

const LONG_ID = 'long-conversation'
/** Enough lines for two progress reports before the last (one every 2,000 lines of the file). */
const MESSAGES = 4_999

function longConversation(): Conversation {
  const messages: ChatMessage[] = Array.from({ length: MESSAGES }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    createdAt: 1_700_000_000_000 + i,
    parts: [{ kind: 'text', text: `message ${i}, with a \`tick\` and a line\nbreak` }],
    state: 'done',
    ...(i % 2 === 0 ? {} : { model: 'gpt-5.4' }),
  }))
  return {
    ...{ id: LONG_ID, title: 'A very long chat', createdAt: 1, updatedAt: 2, pinned: false, model: 'gpt-5.4' },
    ...{ effort: 'medium', messageCount: MESSAGES, preview: '', workspace: null, messages, compactions: [] },
  }
}

/** The chat harness with one conversation of MESSAGES messages on disk, its file written as the store writes. */
async function withLongConversation(options: SetupOptions = {}) {
  return setupChat({
    ...options,
    async prepare(dataDir) {
      const paths = storagePaths(dataDir)
      await mkdir(paths.dir, { recursive: true })
      const records = recordsOf(longConversation(), 3)
      await writeFile(
        paths.conversation(LONG_ID),
        records.map((record) => serializeRecord(record, RECORD_VERSIONING.current)).join(''),
      )
    },
  })
}

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'codex-desk-export-'))
  onTestFinished(() => rm(folder, { recursive: true, force: true }))
  return folder
}

describe('exporting a very long conversation', () => {
  it('answers the conversation list while the export is still being made', async () => {
    const { harness } = await withLongConversation()
    const log: string[] = []
    harness.events.on('conversations:export-progress', ({ done, total }) => {
      log.push(`read ${done} of ${total}`)
      if (log.length === 1) {
        void harness.call('conversations:list', undefined).then((list) => log.push(`listed ${list.total}`))
      }
    })

    await harness.call('conversations:export', { id: LONG_ID, format: 'markdown' })
    log.push('exported')

    // Made on main's thread, every progress event would come in one go before the list could be answered.
    expect(log.indexOf('listed 2')).toBeGreaterThan(0)
    expect(log.indexOf('listed 2')).toBeLessThan(log.indexOf(`read ${MESSAGES + 1} of ${MESSAGES + 1}`))
  })

  it('reports how far it got, in order, ending with every line of the file read', async () => {
    const { harness } = await withLongConversation()
    const progress: Array<{ id: string; done: number; total: number }> = []
    harness.events.on('conversations:export-progress', (event) => progress.push(event))

    await harness.call('conversations:export', { id: LONG_ID, format: 'json' })

    const lines = MESSAGES + 1
    expect(progress.map(({ done }) => done)).toEqual([2_000, 4_000, 5_000])
    expect(progress.every((event) => event.id === LONG_ID && event.total === lines)).toBe(true)
    expect(progress.at(-1)).toEqual({ id: LONG_ID, done: lines, total: lines })
  })

  it('exports exactly the whole conversation, as Markdown and as JSON', async () => {
    const { harness, store } = await withLongConversation()
    // All of it, as main holds it: the page is sent only its newest messages.
    const conversation = await store.get(LONG_ID)

    const markdown = await harness.call('conversations:export', { id: LONG_ID, format: 'markdown' })
    const json = await harness.call('conversations:export', { id: LONG_ID, format: 'json' })

    expect(markdown.content).toBe(exportContent(conversation, 'markdown'))
    expect(json.content).toBe(
      `${JSON.stringify({ format: 'codex-desk.conversation', version: 1, conversation }, null, 2)}\n`,
    )
  })

  it('writes the chosen file whole in Electron', async () => {
    const folder = await tempFolder()
    const { harness } = await withLongConversation({ chooseSaveLocation: async (name) => join(folder, name) })

    const result = await harness.call('conversations:export', { id: LONG_ID, format: 'markdown' })

    expect(result).toEqual({
      filename: 'A very long chat.md',
      savedTo: join(folder, 'A very long chat.md'),
      mimeType: 'text/markdown',
    })
    const written = await readFile(join(folder, 'A very long chat.md'), 'utf8')
    expect(written.startsWith('# A very long chat\n\n## You\n\nmessage 0,')).toBe(true)
    expect(written.endsWith(`message ${MESSAGES - 1}, with a \`tick\` and a line\nbreak\n`)).toBe(true)
  })
})

describe('an export that fails', () => {
  it('says why and leaves no partial file when the file cannot be written', async () => {
    const folder = await tempFolder()
    // A folder already has the chosen name: the finished export cannot take its place.
    await mkdir(join(folder, 'New chat.json'))
    const { harness, id } = await setupChat({ chooseSaveLocation: async (name) => join(folder, name) })

    await expect(harness.call('conversations:export', { id, format: 'json' })).rejects.toMatchObject({
      error: { kind: 'storage', message: expect.stringMatching(/^Could not save the export: /) },
    })
    expect(await readdir(folder)).toEqual(['New chat.json'])
    expect(await readdir(join(folder, 'New chat.json'))).toEqual([])
  })

  it('says the conversation is damaged when its file has no readable header, and writes nothing', async () => {
    const folder = await tempFolder()
    const { harness, dataDir, id } = await setupChat({ chooseSaveLocation: async (name) => join(folder, name) })
    await writeFile(storagePaths(dataDir).conversation(id), 'not a conversation\n')

    await expect(harness.call('conversations:export', { id, format: 'markdown' })).rejects.toMatchObject({
      error: { kind: 'storage', message: 'This conversation file is damaged and cannot be opened.' },
    })
    expect(await readdir(folder)).toEqual([])
  })
})
