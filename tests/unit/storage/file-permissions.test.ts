import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore, tempDataDir, userMessage } from './support'

const modeOf = async (path: string) => (await stat(path)).mode & 0o777

describe.skipIf(process.platform === 'win32')('who can read the conversations', () => {
  it('keeps the conversations folder and every file in it readable by the owner only', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create({ model: 'gpt-5.5', effort: null, workspace: null })
    await store.appendUserMessage(id, userMessage('private words'))
    expect(await store.search('private')).toHaveLength(1)
    await store.close()

    const dir = join(dataDir, 'conversations')
    expect(await modeOf(dir)).toBe(0o700)
    const files = await readdir(dir)
    expect(files).toEqual(expect.arrayContaining([`${id}.jsonl`, 'index.json', 'search-index.json']))
    for (const file of files) expect([file, await modeOf(join(dir, file))]).toEqual([file, 0o600])
  })

  it('tightens a folder an older version left readable by others, files included', async () => {
    const dataDir = await tempDataDir()
    const dir = join(dataDir, 'conversations')
    await mkdir(dir)
    await chmod(dir, 0o755)
    const old = join(dir, 'old-notes.jsonl.bak')
    await writeFile(old, 'kept as it was\n', { mode: 0o644 })
    await chmod(old, 0o644)

    await openStore(dataDir)

    expect(await modeOf(dir)).toBe(0o700)
    expect(await modeOf(old)).toBe(0o600)
  })
})
