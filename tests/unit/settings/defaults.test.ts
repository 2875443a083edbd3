import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createNodeConfigStore } from '../../../src/main/platform/node-config-store'
import { createSettingsService } from '../../../src/main/settings/settings-service'
import { DEFAULT_INSTRUCTIONS } from '../../../src/shared/settings'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A config file as an earlier version left it, in a real temp folder. */
function storedConfig(settings: Record<string, unknown>) {
  const folder = mkdtempSync(join(tmpdir(), 'codex-desk-settings-'))
  folders.push(folder)
  createNodeConfigStore(folder).set('settings', settings)
  return folder
}

const oldDefaults = { maxRetries: 10, retryBaseDelayMs: 5_000, streamIdleTimeoutMs: 60_000 }

describe('retry and timeout settings', () => {
  it('default to 5 retries from 1 s and a 300 s idle timeout', () => {
    const settings = createSettingsService(createNodeConfigStore(storedConfig({}))).get()
    expect(settings).toMatchObject({ maxRetries: 5, retryBaseDelayMs: 1_000, streamIdleTimeoutMs: 300_000 })
  })

  it('move from the old defaults a settings file still holds to the new ones, and keep everything else', () => {
    const folder = storedConfig({ ...oldDefaults, theme: 'dark', instructions: DEFAULT_INSTRUCTIONS })
    const settings = createSettingsService(createNodeConfigStore(folder)).get()

    expect(settings).toMatchObject({
      maxRetries: 5,
      retryBaseDelayMs: 1_000,
      streamIdleTimeoutMs: 300_000,
      theme: 'dark',
    })
    // Written back, so the next start reads the new values from the file itself.
    expect(createNodeConfigStore(folder).get('settings')).toMatchObject({ maxRetries: 5, streamIdleTimeoutMs: 300_000 })
  })

  it('keep the values a person chose', () => {
    const folder = storedConfig({ maxRetries: 3, retryBaseDelayMs: 2_000, streamIdleTimeoutMs: 120_000 })
    const settings = createSettingsService(createNodeConfigStore(folder)).get()
    expect(settings).toMatchObject({ maxRetries: 3, retryBaseDelayMs: 2_000, streamIdleTimeoutMs: 120_000 })
  })

  it('keep an old default chosen again after the move', () => {
    const folder = storedConfig(oldDefaults)
    createSettingsService(createNodeConfigStore(folder)).update({ maxRetries: 10 })

    const restarted = createSettingsService(createNodeConfigStore(folder)).get()
    expect(restarted.maxRetries).toBe(10)
    expect(restarted.retryBaseDelayMs).toBe(1_000)
  })
})
