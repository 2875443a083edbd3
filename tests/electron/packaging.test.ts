import { mkdtempSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { describe, expect, it } from 'vitest'
import builderConfig from '../../build/electron-builder.json'
import { loadMain, requiredByMain, unloadMain } from './support/boot-main'

// The installers cannot be built here (no Electron binary), so what they would contain is checked from the
// configuration electron-builder reads and from what the built main really loads.
describe('the desktop package', () => {
  it('is configured the way electron-builder accepts', async () => {
    await expect(validateConfiguration(builderConfig as never, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('flips the fuses that would let someone run the app as plain Node or debug it', () => {
    expect(builderConfig.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(builderConfig.asar).toBe(true)
  })

  it('holds every bundle main loads, and every package main requires is a production dependency', () => {
    // Loading is enough: the bundle requires everything at its top, and without the lock main goes no further.
    const saved = { ...process.env }
    loadMain({ CODEX_DESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'codex-desk-package-')) }, { singleInstanceLock: false })
    process.env = saved
    unloadMain()
    // The test's own require of the bundle is recorded too (it is made on the bundle's behalf): absolute paths are ours.
    const packages = [...requiredByMain].filter(
      (id) => !isAbsolute(id) && id !== 'electron' && !id.startsWith('node:') && !builtinModules.includes(id),
    )

    expect(builderConfig.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']))
    expect(requiredByMain).toContain('electron')
    // Read rather than imported: npm drops the key when it is empty, as it is while main bundles every library.
    const { dependencies = {} } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      dependencies?: Record<string, string>
    }
    for (const id of packages) {
      const name = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]
      expect([id, Object.hasOwn(dependencies, name)]).toEqual([id, true])
    }
  })
})
