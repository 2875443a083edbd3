import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { extractAll, extractFile, statFile } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import builderConfig from '../../build/electron-builder.json'
import { WORKER_ENTRIES } from '../../scripts/worker-entry-plugin'
import { packageName, packagesInArchive, packagesReached, REPO_ROOT, runtimeRequires } from './support/packaged-modules'

// Main's entry, the worker entries main starts by path, and the preload.
const BUNDLES = [
  ...readdirSync(join(REPO_ROOT, 'out/main'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(REPO_ROOT, 'out/main', name)),
  join(REPO_ROOT, 'out/preload/index.js'),
]
const work = mkdtempSync(join(tmpdir(), 'codex-desk-package-dir-'))
let packed: { asar: string; executable: string }

// One real `electron-builder --dir` per run (about 15 s), against a stand-in Electron; every test reads its output.
beforeAll(async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(REPO_ROOT, 'scripts/package-dir.mjs'), '--json', '--out', join(work, 'release')],
    { cwd: REPO_ROOT, maxBuffer: 16 * 2 ** 20 },
  )
  packed = JSON.parse(stdout.trim().split('\n').at(-1) ?? '')
}, 180_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the unpacked desktop package', () => {
  it('holds the bundles, and every package the built main and preload require with their own dependencies', () => {
    const manifest = JSON.parse(extractFile(packed.asar, 'package.json').toString('utf8')) as { main: string }
    for (const file of [
      manifest.main,
      ...Object.keys(WORKER_ENTRIES).map((name) => `out/main/${name}.js`),
      'out/preload/index.js',
      'out/renderer/index.html',
    ]) {
      expect([file, statFile(packed.asar, file.replace(/^\.\//, ''))]).toEqual([file, expect.objectContaining({})])
    }
    const { missing } = packagesReached(packed.asar, BUNDLES)
    expect(missing).toEqual([])
  })

  it('loads every one of those packages from inside the archive', () => {
    const extracted = join(work, 'app')
    extractAll(packed.asar, extracted)
    const requireFromMain = createRequire(join(extracted, 'out/main/index.js'))
    for (const id of BUNDLES.flatMap(runtimeRequires)) {
      // Resolved inside the extracted archive: a module only the repository's node_modules has would throw here.
      expect(requireFromMain.resolve(id).startsWith(extracted)).toBe(true)
      expect(requireFromMain(id)).toBeTruthy()
    }
  })

  it('ships no package that nothing at run time requires (renderer and bundled libraries are not shipped twice)', () => {
    const { reached } = packagesReached(packed.asar, BUNDLES)
    expect(packagesInArchive(packed.asar).filter((dir) => !reached.has(dir))).toEqual([])
    const shipped = packagesInArchive(packed.asar).map((dir) => packageName(dir.split('node_modules/').at(-1) ?? ''))
    for (const bundled of ['react', 'react-dom', 'katex', 'highlight.js', 'electron-store', 'zustand']) {
      expect(shipped).not.toContain(bundled)
    }
  })

  it('has the fuses flipped as the packaging configuration says', async () => {
    const wire = await getCurrentFuseWire(packed.executable)
    const fuses = builderConfig.electronFuses
    const expected: Array<[FuseV1Options, boolean]> = [
      [FuseV1Options.RunAsNode, fuses.runAsNode],
      [FuseV1Options.EnableCookieEncryption, fuses.enableCookieEncryption],
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable, fuses.enableNodeOptionsEnvironmentVariable],
      [FuseV1Options.EnableNodeCliInspectArguments, fuses.enableNodeCliInspectArguments],
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, fuses.enableEmbeddedAsarIntegrityValidation],
      [FuseV1Options.OnlyLoadAppFromAsar, fuses.onlyLoadAppFromAsar],
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot, fuses.loadBrowserProcessSpecificV8Snapshot],
      [FuseV1Options.GrantFileProtocolExtraPrivileges, fuses.grantFileProtocolExtraPrivileges],
    ]
    // The wire holds bytes '1' (0x31) for enabled and '0' (0x30) for disabled.
    for (const [fuse, enabled] of expected) expect([fuse, wire[fuse]]).toEqual([fuse, enabled ? 0x31 : 0x30])
  })
})
