// `npm run package:dir`: the unpacked desktop package (`electron-builder --dir`) built without the Electron binary,
// which cannot be downloaded here. electron-builder copies a stand-in Electron distribution instead, so everything
// it makes from our files (app.asar, fuses, resources) is real and can be inspected; only the executable is fake.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { build, Platform } from 'electron-builder'

const ROOT = resolve(import.meta.dirname, '..')

// @electron/fuses looks for this marker, then a version byte, the wire's length and one byte per fuse. Electron's
// own defaults ('1' enabled, '0' disabled) are written so the test can see the packaging flip them.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const ELECTRON_DEFAULT_FUSES = '10110001'

/** A folder shaped like Electron's Linux distribution: a placeholder executable carrying a fuse wire, and `version`. */
export function makeStandInElectron(dir) {
  const electronVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version
  mkdirSync(dir, { recursive: true })
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES),
  ])
  const script = Buffer.from(
    '#!/bin/sh\necho "stand-in for Electron: this package was built without the binary" >&2\nexit 1\n# ',
  )
  writeFileSync(join(dir, 'electron'), Buffer.concat([script, wire, Buffer.from('\n')]))
  chmodSync(join(dir, 'electron'), 0o755)
  writeFileSync(join(dir, 'version'), electronVersion)
  return electronVersion
}

/** Runs `electron-builder --dir` into `outDir` against a stand-in Electron; resolves where app.asar landed. */
export async function packageDir(outDir) {
  if (process.platform !== 'linux') throw new Error('the stand-in Electron distribution is shaped for Linux only')
  const electronDist = mkdtempSync(join(tmpdir(), 'codex-desk-electron-dist-'))
  makeStandInElectron(electronDist)
  const config = JSON.parse(readFileSync(join(ROOT, 'build/electron-builder.json'), 'utf8'))
  let appOutDir = ''
  try {
    await build({
      projectDir: ROOT,
      targets: Platform.LINUX.createTarget('dir'),
      config: {
        ...config,
        electronDist,
        directories: { ...config.directories, output: outDir },
        // Nothing we ship is native; rebuilding would only probe the network for Electron headers.
        npmRebuild: false,
        afterPack: (context) => {
          appOutDir = context.appOutDir
        },
      },
    })
  } finally {
    rmSync(electronDist, { recursive: true, force: true })
  }
  return {
    appOutDir,
    asar: join(appOutDir, 'resources', 'app.asar'),
    executable: join(appOutDir, config.executableName ?? 'codex-desk'),
  }
}

// No top-level await: tsx loads this file as CommonJS when the benchmark imports it.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, json: { type: 'boolean' } } })
  packageDir(resolve(values.out ?? join(ROOT, 'release'))).then(
    (result) => process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `Packed ${result.asar}\n`),
    (error) => {
      process.stderr.write(`Packaging failed: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`)
      process.exit(1)
    },
  )
}
