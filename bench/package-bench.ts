import { execFile } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { listPackage, statFile } from '@electron/asar'
import { packageDir } from '../scripts/package-dir.mjs'
import type { BenchRow } from './types'

const ROOT = join(__dirname, '..')

/** Files in the archive, and how many of them are node_modules. */
function countFiles(asar: string): { files: number; modules: number } {
  const totals = { files: 0, modules: 0 }
  for (const path of listPackage(asar, { isPack: false })) {
    if ('files' in statFile(asar, path.slice(1))) continue
    totals.files++
    if (path.includes('/node_modules/')) totals.modules++
  }
  return totals
}

/**
 * What the desktop package ships: `electron-builder --dir` against a stand-in Electron (scripts/package-dir.mjs),
 * after a fresh build so the archive holds today's bundles.
 */
export async function runPackageBench(): Promise<BenchRow[]> {
  await promisify(execFile)(join(ROOT, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
  })
  const out = await mkdtemp(join(tmpdir(), 'codex-desk-package-bench-'))
  try {
    const { asar } = await packageDir(out)
    const { files, modules } = countFiles(asar)
    return [
      {
        name: 'app.asar size (electron-builder --dir against a stand-in Electron)',
        value: (await stat(asar)).size / 2 ** 20,
        unit: 'MiB',
        note: 'out/main, out/preload, out/renderer and package.json, plus any node_modules main requires',
      },
      { name: 'files in app.asar', value: files, unit: 'files' },
      { name: 'of which under node_modules', value: modules, unit: 'files', note: 'package.json `dependencies`' },
    ]
  } finally {
    await rm(out, { recursive: true, force: true })
  }
}
