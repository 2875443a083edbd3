import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { previewPatch, previewToolCall, previewWrite } from '../../../src/main/tools'
import { makeSandbox } from './workspace'

let sandbox: Awaited<ReturnType<typeof makeSandbox>>

beforeEach(async () => {
  sandbox = await makeSandbox()
})
afterEach(() => sandbox.cleanup())

describe('approval previews', () => {
  it('renders each file of a patch as a unified diff, without changing anything', async () => {
    await writeFile(join(sandbox.workspace, 'a.txt'), 'one\ntwo\nthree\n')
    await writeFile(join(sandbox.workspace, 'old.txt'), 'bye\n')
    const patch = [
      '*** Begin Patch',
      '*** Update File: a.txt',
      '@@',
      ' one',
      '-two',
      '+TWO',
      '*** Add File: new.txt',
      '+hello',
      '*** Update File: old.txt',
      '*** Move to: moved.txt',
      '@@',
      '-bye',
      '+farewell',
      '*** End Patch',
    ].join('\n')
    expect(await previewPatch(sandbox.workspace, patch)).toEqual({
      ok: true,
      files: [
        {
          path: 'a.txt',
          kind: 'update',
          diff: '--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n',
        },
        { path: 'new.txt', kind: 'add', diff: '--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1,1 @@\n+hello\n' },
        {
          path: 'old.txt',
          kind: 'move',
          movedTo: 'moved.txt',
          diff: '--- a/old.txt\n+++ b/moved.txt\n@@ -1,1 +1,1 @@\n-bye\n+farewell\n',
        },
      ],
    })
    expect((await readdir(sandbox.workspace)).sort()).toEqual(['a.txt', 'old.txt'])
  })

  it('shows a deletion as the whole file removed', async () => {
    await writeFile(join(sandbox.workspace, 'gone.txt'), 'a\nb\n')
    const preview = await previewPatch(sandbox.workspace, '*** Begin Patch\n*** Delete File: gone.txt\n*** End Patch')
    expect(preview).toEqual({
      ok: true,
      files: [{ path: 'gone.txt', kind: 'delete', diff: '--- a/gone.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n' }],
    })
  })

  it('says why a patch would not apply', async () => {
    await writeFile(join(sandbox.workspace, 'a.txt'), 'one\n')
    const preview = await previewPatch(
      sandbox.workspace,
      '*** Begin Patch\n*** Update File: a.txt\n-zero\n*** End Patch',
    )
    expect(preview).toEqual({ ok: false, error: 'Could not find these lines in a.txt:\n  zero' })
  })

  it('shows a write as a diff against the current file, or as a new file', async () => {
    await writeFile(join(sandbox.workspace, 'a.txt'), 'one\ntwo\n')
    expect(await previewWrite(sandbox.workspace, 'a.txt', 'one\n2\n')).toEqual({
      ok: true,
      path: 'a.txt',
      isNew: false,
      diff: '--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n',
    })
    expect(await previewWrite(sandbox.workspace, 'dir/new.txt', 'hi\n')).toEqual({
      ok: true,
      path: 'dir/new.txt',
      isNew: true,
      diff: '--- /dev/null\n+++ b/dir/new.txt\n@@ -0,0 +1,1 @@\n+hi\n',
    })
  })

  it('refuses to preview a write outside the workspace', async () => {
    expect(await previewWrite(sandbox.workspace, '../x.txt', 'x')).toEqual({
      ok: false,
      error: '"../x.txt" is outside the workspace.',
    })
  })

  it('previews a call by its tool: command line and folder, write, patch, invalid arguments', async () => {
    const call = (name: string, args: unknown) =>
      previewToolCall(sandbox.workspace, { name, arguments: JSON.stringify(args) })
    expect(await call('run_command', { command: 'rm -rf build' })).toEqual({
      kind: 'command',
      command: 'rm -rf build',
      cwd: sandbox.workspace,
      timeoutSeconds: 60,
    })
    expect(await call('write_file', { path: 'n.txt', content: 'x\n' })).toMatchObject({
      kind: 'write',
      preview: { ok: true, isNew: true },
    })
    expect(
      await call('apply_patch', { input: '*** Begin Patch\n*** Add File: p.txt\n+x\n*** End Patch' }),
    ).toMatchObject({
      kind: 'patch',
      preview: { ok: true, files: [{ path: 'p.txt', kind: 'add' }] },
    })
    expect(await call('run_command', { cmd: 'ls' })).toMatchObject({ kind: 'invalid' })
    expect(await call('read_file', { path: 'a' })).toEqual({ kind: 'none' })
    expect(await previewToolCall(null, { name: 'run_command', arguments: '{"command":"ls"}' })).toMatchObject({
      kind: 'invalid',
    })
  })
})
