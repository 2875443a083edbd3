import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openConversationStore } from '../../../src/main/storage/store'
import { newChat, openStore, tempDataDir } from './support'

describe('one app instance per data folder', () => {
  it('tells a second window the conversations are busy', async () => {
    const dataDir = await tempDataDir()
    await openStore(dataDir)

    await expect(openConversationStore({ dataDir })).rejects.toMatchObject({
      error: { kind: 'busy', message: expect.stringMatching(/in use by another Codex Desk window/) },
    })
  })

  it('opens again once the first window has closed', async () => {
    const dataDir = await tempDataDir()
    const first = await openStore(dataDir)
    const { id } = await first.create(newChat)
    await first.close()

    const second = await openStore(dataDir)
    expect(second.list().map((summary) => summary.id)).toEqual([id])
  })

  it('takes over the lock of an app that crashed', async () => {
    const dataDir = await tempDataDir()
    await openStore(dataDir).then((store) => store.close())
    // Pid numbers are far below 2^22 on Linux and macOS, so this one belongs to no process.
    await writeFile(join(dataDir, 'conversations', '.lock'), '4194303\n')

    const store = await openStore(dataDir)
    expect(store.list()).toEqual([])
  })
})
