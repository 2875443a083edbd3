import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSearchIndex } from '../../../src/main/storage/search-index'
import { tempDataDir } from './support'

// Longer than any test runs: only `prepare` (or a search) can start the loading here.
const NEVER_MS = 3_600_000

describe('loading the saved search index', () => {
  it('starts as soon as the app has its list, without waiting for a search or the delay after opening', async () => {
    const dataDir = await tempDataDir()
    let caughtUp = (): void => undefined
    const catchingUp = new Promise<void>((resolve) => {
      caughtUp = resolve
    })
    const searchIndex = openSearchIndex({
      path: join(dataDir, 'search-index.json'),
      saveDelayMs: NEVER_MS,
      loadDelayMs: NEVER_MS,
      log: () => undefined,
      // Asked for once the saved index is loaded, to re-index what changed since it was saved.
      current: () => {
        caughtUp()
        return new Map()
      },
      load: async () => undefined,
    })

    searchIndex.prepare()

    await expect(catchingUp).resolves.toBeUndefined()
    await searchIndex.close()
  })
})
