import { spawn } from 'node:child_process'
import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeSandbox, runTool } from './workspace'

let sandbox: Awaited<ReturnType<typeof makeSandbox>>

beforeEach(async () => {
  sandbox = await makeSandbox()
})
afterEach(() => sandbox.cleanup())

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name))
}

/**
 * Another process (so it really runs alongside the writes) that keeps swapping `folder` for a symlink to `outside`
 * and back. When a write recreated the folder meanwhile, it clears that copy so the swapping goes on.
 */
const SWAPPER = `
const fs = require('node:fs')
const [folder, parked, outside] = process.argv.slice(1)
const attempt = (action) => { try { action() } catch {} }
for (;;) {
  attempt(() => fs.renameSync(folder, parked))
  attempt(() => fs.symlinkSync(outside, folder))
  attempt(() => fs.unlinkSync(folder))
  attempt(() => fs.rmSync(folder, { recursive: true, force: true }))
  attempt(() => fs.renameSync(parked, folder))
}
`

// The protection relies on /proc; elsewhere the window is only narrowed (see confined-fs.ts).
describe.runIf(process.platform === 'linux')('write_file while a folder is swapped for a symlink', () => {
  it('never writes outside the workspace, in 200 raced writes', async () => {
    const outside = join(sandbox.root, 'outside')
    // The same layout outside as inside, so a write that follows the link has a folder to land in.
    await mkdir(join(outside, 'sub'), { recursive: true })
    const folder = join(sandbox.workspace, 'dir')
    await mkdir(join(folder, 'sub'), { recursive: true })
    const swapper = spawn(process.execPath, ['-e', SWAPPER, folder, join(sandbox.workspace, 'parked'), outside], {
      stdio: 'ignore',
    })
    const exited = new Promise((resolve) => swapper.once('exit', resolve))
    const outcomes: string[] = []
    try {
      for (let round = 0; round < 50; round++) {
        const batch = [0, 1, 2, 3].map((slot) =>
          runTool(sandbox.workspace, 'write_file', { path: `dir/sub/file-${round}-${slot}.txt`, content: 'x' }),
        )
        for (const result of await Promise.all(batch)) outcomes.push(result.state)
      }
    } finally {
      swapper.kill('SIGKILL')
      await exited
    }

    expect(outcomes).toHaveLength(200)
    expect(await filesUnder(outside)).toEqual([])
  })
})
