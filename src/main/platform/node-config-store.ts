import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { isRecord } from '../../shared/narrow'
import type { KeyValueStore } from './types'

/**
 * The harness's twin of electron-store: one JSON document, rewritten atomically (temp file + rename) so a crash
 * never leaves half a config. A file that no longer parses is kept aside and the app starts from defaults.
 */
export function createNodeConfigStore(dataDir: string, name = 'config'): KeyValueStore {
  const file = join(dataDir, `${name}.json`)
  mkdirSync(dirname(file), { recursive: true })
  let document = readDocument(file)

  function persist(): void {
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 })
    renameSync(temp, file)
  }

  return {
    get: (key) => document[key],
    set(key, value) {
      document = { ...document, [key]: value }
      persist()
    },
    delete(key) {
      const { [key]: _removed, ...rest } = document
      document = rest
      persist()
    },
  }
}

function readDocument(file: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return {}
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (isRecord(parsed)) return parsed
  } catch {
    // fall through: keep the unreadable file for the user, start from defaults
  }
  renameSync(file, `${file}.unreadable-${Date.now()}`)
  return {}
}
