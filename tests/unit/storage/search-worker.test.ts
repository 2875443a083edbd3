import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { storagePaths } from '../../../src/main/storage/paths'
import { wholeConversation } from '../../../src/main/storage/search-documents'
import { openSearchEngine } from '../../../src/main/storage/search-engine'
import { openSearchIndex } from '../../../src/main/storage/search-index'
import { seedConversations } from '../../../src/main/storage/seed'
import { startWorker } from '../../../src/main/storage/worker-runner'
import { AppErrorException } from '../../../src/shared/errors'
import { conversation, openStore, tempDataDir, userMessage } from './support'

// Longer than any test runs: the index is saved only when closed.
const NEVER_MS = 3_600_000
const noLog = (): void => undefined

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined
  const promise = new Promise<T>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

describe('the search index in its worker', () => {
  it('catches up with the conversation files as soon as it has their stamps, before any search', async () => {
    const dataDir = await tempDataDir()
    const readAsked = deferred<string>()
    const engine = openSearchEngine({
      path: join(dataDir, 'search-index.json'),
      saveDelayMs: NEVER_MS,
      log: noLog,
      read: async (id) => {
        readAsked.resolve(id)
        return undefined
      },
    })

    engine.catchUp(new Map([['chat', { size: 1, mtimeMs: 1 }]]))

    await expect(readAsked.promise).resolves.toBe('chat')
    await engine.close()
  })

  it('keeps a message written while the conversation file was being read to catch up, not the older file', async () => {
    const dataDir = await tempDataDir()
    const readStarted = deferred()
    const fileRead = deferred()
    let onDisk = conversation('chat', [userMessage('Grilled aubergines?')])
    const engine = openSearchEngine({
      path: join(dataDir, 'search-index.json'),
      saveDelayMs: NEVER_MS,
      log: noLog,
      read: async () => {
        const held = onDisk
        readStarted.resolve()
        await fileRead.promise
        return { conversation: held, stamp: { size: 10, mtimeMs: 1 } }
      },
    })
    engine.catchUp(new Map([['chat', { size: 10, mtimeMs: 1 }]]))
    await readStarted.promise

    // As the store does: the file is written first, then the change is posted.
    onDisk = conversation('chat', [...onDisk.messages, userMessage('Or courgettes?')])
    engine.apply(wholeConversation(onDisk, { size: 20, mtimeMs: 2 }))
    fileRead.resolve()

    expect(await engine.search('courgettes', ['chat'])).toEqual([{ id: 'chat', snippet: 'Or courgettes?' }])
    await engine.close()
  })

  it('fails a search its worker could not answer, and the next search starts a fresh worker that answers', async () => {
    const dataDir = await tempDataDir()
    await seedConversations(dataDir, [conversation('grill', [userMessage('How do I grill an aubergine?')])])
    const summaries = await (async () => {
      const store = await openStore(dataDir)
      const list = store.list()
      await store.close()
      return list
    })()
    const stamp = await stat(storagePaths(dataDir).conversation('grill'))
    const workers: Worker[] = []
    const search = openSearchIndex({
      dataDir,
      saveDelayMs: NEVER_MS,
      log: noLog,
      start: (data) => {
        const worker = startWorker('search-worker', data)
        workers.push(worker)
        return worker
      },
    })

    search.catchUp(() => new Map([['grill', { size: stamp.size, mtimeMs: stamp.mtimeMs }]]))
    const lost = search.search('aubergine', summaries)
    await workers[0].terminate()

    await expect(lost).rejects.toBeInstanceOf(AppErrorException)
    expect((await search.search('aubergine', summaries)).map((hit) => hit.conversation.id)).toEqual(['grill'])
    expect(workers).toHaveLength(2)
    await search.close()
  })
})
