import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RECORD_VERSIONING, type RecordVersioning } from '../../../src/main/storage/migrations'
import { openStore, tempDataDir } from './support'

/** A made-up scheme whose version 2 renamed the header's `name` to `title`, to exercise the mechanism. */
const withVersion2: RecordVersioning = {
  current: 2,
  upgrades: {
    1: ({ name, ...rest }) => (rest.type === 'header' ? { ...rest, title: name } : rest),
  },
}

const versionOneFile = [
  {
    v: 1,
    type: 'header',
    id: 'old',
    name: 'From the old days',
    model: 'gpt-5',
    effort: null,
    workspace: null,
    created: 5,
  },
  {
    v: 1,
    type: 'message',
    at: 6,
    message: { id: 'm1', role: 'user', createdAt: 6, parts: [{ kind: 'text', text: 'hello' }], state: 'done' },
  },
]
  .map((record) => `${JSON.stringify(record)}\n`)
  .join('')

async function writeOldConversation(dataDir: string): Promise<string> {
  await (await openStore(dataDir)).close()
  const file = join(dataDir, 'conversations', 'old.jsonl')
  await writeFile(file, versionOneFile)
  return file
}

describe('record versions', () => {
  it('saves every record with the current version', async () => {
    expect(RECORD_VERSIONING.current).toBe(3)
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create({ model: 'gpt-5.4', effort: null, workspace: null })
    await store.rename(id, 'Versioned')
    const lines = (await readFile(join(dataDir, 'conversations', `${id}.jsonl`), 'utf8')).trim().split('\n')
    expect(lines.map((line) => JSON.parse(line).v)).toEqual([3, 3])
  })

  it('opens a conversation saved by an older version, upgrading its records', async () => {
    const dataDir = await tempDataDir()
    await writeOldConversation(dataDir)

    const store = await openStore(dataDir, { versioning: withVersion2 })

    expect(await store.get('old')).toMatchObject({ title: 'From the old days', messages: [{ id: 'm1' }] })
  })

  it('keeps a .bak copy of the old file before rewriting it upgraded', async () => {
    const dataDir = await tempDataDir()
    const file = await writeOldConversation(dataDir)

    await openStore(dataDir, { versioning: withVersion2 })

    expect(await readFile(`${file}.bak`, 'utf8')).toBe(versionOneFile)
    const upgraded = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(upgraded.map((record) => record.v)).toEqual([2, 2])
    expect(upgraded[0]).toMatchObject({ title: 'From the old days' })
    expect(upgraded[0]).not.toHaveProperty('name')
  })

  it('leaves a conversation from a newer app version untouched', async () => {
    const dataDir = await tempDataDir()
    const file = await writeOldConversation(dataDir)
    const newer = versionOneFile.replaceAll('"v":1', '"v":3')
    await writeFile(file, newer)

    const store = await openStore(dataDir, { versioning: withVersion2, log: () => undefined })

    expect(store.list()).toEqual([])
    expect(await readFile(file, 'utf8')).toBe(newer)
  })
})
