import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNodeSecretBox } from '../../../src/main/platform/node-secret-box'

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'codex-desk-box-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

describe("the web harness's secret box", () => {
  it('opens what it sealed, also after a restart', () => {
    const sealed = createNodeSecretBox(dataDir).encrypt('a secret')
    expect(createNodeSecretBox(dataDir).decrypt(sealed)).toBe('a secret')
  })

  it('refuses a sealed secret that was tampered with', () => {
    const box = createNodeSecretBox(dataDir)
    const sealed = box.encrypt('a secret')
    sealed[sealed.length - 1] ^= 1
    expect(() => box.decrypt(sealed)).toThrow()
  })
})
