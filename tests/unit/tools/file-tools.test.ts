import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeSandbox, runTool } from './workspace'

let sandbox: Awaited<ReturnType<typeof makeSandbox>>
const run = (name: string, args: Record<string, unknown>) => runTool(sandbox.workspace, name, args)

beforeEach(async () => {
  sandbox = await makeSandbox()
})
afterEach(() => sandbox.cleanup())

describe('read_file', () => {
  it('reads a file inside the workspace', async () => {
    await mkdir(join(sandbox.workspace, 'notes'))
    await writeFile(join(sandbox.workspace, 'notes', 'todo.txt'), 'buy milk')
    expect(await run('read_file', { path: 'notes/todo.txt' })).toEqual({ state: 'done', output: 'buy milk' })
  })

  it('reads a range of lines', async () => {
    await writeFile(join(sandbox.workspace, 'abc.txt'), 'one\ntwo\nthree\nfour\nfive\n')
    expect(await run('read_file', { path: 'abc.txt', start_line: 2, end_line: 4 })).toEqual({
      state: 'done',
      output: 'two\nthree\nfour',
    })
    expect((await run('read_file', { path: 'abc.txt', start_line: 5 })).output).toBe('five')
    expect((await run('read_file', { path: 'abc.txt', end_line: 1 })).output).toBe('one')
  })

  it('says where the file ends when the range runs past it', async () => {
    await writeFile(join(sandbox.workspace, 'abc.txt'), 'one\ntwo\n')
    expect((await run('read_file', { path: 'abc.txt', start_line: 2, end_line: 10 })).output).toBe(
      'two\n[the file ends at line 2]',
    )
  })

  it('refuses a start line past the end of the file', async () => {
    await writeFile(join(sandbox.workspace, 'abc.txt'), 'one\ntwo\n')
    expect(await run('read_file', { path: 'abc.txt', start_line: 3 })).toMatchObject({
      state: 'error',
      output: 'Error: start_line 3 is past the end of "abc.txt", which has 2 lines.',
    })
  })

  it('refuses an end line before the start line, and lines below 1', async () => {
    await writeFile(join(sandbox.workspace, 'abc.txt'), 'one\ntwo\n')
    const backwards = await run('read_file', { path: 'abc.txt', start_line: 2, end_line: 1 })
    expect(backwards.output).toMatch(/^Error: Invalid arguments for read_file: end_line: end_line must not be smaller/)
    const zero = await run('read_file', { path: 'abc.txt', start_line: 0 })
    expect(zero.output).toMatch(/^Error: Invalid arguments for read_file: start_line: /)
  })

  it('refuses to read a file outside the workspace through ..', async () => {
    await writeFile(join(sandbox.root, 'secret.txt'), 'top secret')
    const result = await run('read_file', { path: '../secret.txt' })
    expect(result.state).toBe('error')
    expect(result.output).toMatch(/^Error: .*outside the workspace/)
    expect(result.output).not.toContain('top secret')
  })

  it('refuses an absolute path outside the workspace', async () => {
    await writeFile(join(sandbox.root, 'secret.txt'), 'top secret')
    const result = await run('read_file', { path: join(sandbox.root, 'secret.txt') })
    expect(result.output).toMatch(/outside the workspace/)
  })

  it('refuses to follow a symlinked file or folder that points out of the workspace', async () => {
    await mkdir(join(sandbox.root, 'elsewhere'))
    await writeFile(join(sandbox.root, 'elsewhere', 'secret.txt'), 'top secret')
    await symlink(join(sandbox.root, 'elsewhere', 'secret.txt'), join(sandbox.workspace, 'link.txt'))
    await symlink(join(sandbox.root, 'elsewhere'), join(sandbox.workspace, 'linked'))
    for (const path of ['link.txt', 'linked/secret.txt']) {
      const result = await run('read_file', { path })
      expect(result.state).toBe('error')
      expect(result.output).toMatch(/outside the workspace/)
    }
  })

  it('cuts a long file at 64 KB and says so', async () => {
    await writeFile(join(sandbox.workspace, 'big.log'), 'x'.repeat(200_000))
    const result = await run('read_file', { path: 'big.log' })
    expect(result.state).toBe('done')
    expect(result.output.startsWith('x'.repeat(64 * 1024))).toBe(true)
    expect(result.output).toContain('[output truncated: showing the first 65536 of 200000 characters]')
    expect(result.output.length).toBeLessThan(64 * 1024 + 200)
  })

  it('refuses a binary file', async () => {
    await writeFile(join(sandbox.workspace, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]))
    expect((await run('read_file', { path: 'image.png' })).output).toBe(
      'Error: "image.png" looks like a binary file; only text files can be read.',
    )
  })

  it('reports a missing file as an error the model can read', async () => {
    const result = await run('read_file', { path: 'nope.txt' })
    expect(result).toMatchObject({ state: 'error', output: 'Error: "nope.txt" does not exist.' })
  })
})

describe('list_directory', () => {
  it('lists a folder with sub-folders and links marked', async () => {
    await mkdir(join(sandbox.workspace, 'src'))
    await writeFile(join(sandbox.workspace, 'README.md'), '# hi')
    await symlink('README.md', join(sandbox.workspace, 'the-readme'))
    expect(await run('list_directory', { path: '.' })).toEqual({
      state: 'done',
      output: 'README.md\nsrc/\nthe-readme@',
    })
  })

  it('refuses to list a folder outside the workspace, by .. or through a link', async () => {
    await mkdir(join(sandbox.root, 'elsewhere'))
    await symlink(join(sandbox.root, 'elsewhere'), join(sandbox.workspace, 'escape'))
    for (const path of ['..', 'escape', join(sandbox.root, 'elsewhere')]) {
      expect((await run('list_directory', { path })).output).toMatch(/outside the workspace/)
    }
  })

  it('says when the path is a file, not a folder', async () => {
    await writeFile(join(sandbox.workspace, 'a.txt'), 'a')
    expect((await run('list_directory', { path: 'a.txt' })).output).toBe('Error: "a.txt" is not a folder.')
  })
})

describe('write_file', () => {
  it('writes a new file, creating its folders', async () => {
    const result = await run('write_file', { path: 'out/deep/hello.txt', content: 'hello' })
    expect(result).toEqual({ state: 'done', output: 'Created out/deep/hello.txt (5 bytes).' })
    expect(await readFile(join(sandbox.workspace, 'out', 'deep', 'hello.txt'), 'utf8')).toBe('hello')
  })

  it('replaces an existing file and leaves no temporary file behind', async () => {
    await writeFile(join(sandbox.workspace, 'a.txt'), 'old')
    expect((await run('write_file', { path: 'a.txt', content: 'new' })).output).toBe('Wrote a.txt (3 bytes).')
    expect(await readFile(join(sandbox.workspace, 'a.txt'), 'utf8')).toBe('new')
    expect((await run('list_directory', { path: '.' })).output).toBe('a.txt')
  })

  it('refuses to write through a symlinked folder that points out of the workspace', async () => {
    await mkdir(join(sandbox.root, 'elsewhere'))
    await symlink(join(sandbox.root, 'elsewhere'), join(sandbox.workspace, 'escape'))
    const result = await run('write_file', { path: 'escape/evil.txt', content: 'x' })
    expect(result.output).toMatch(/outside the workspace/)
  })

  it('refuses a target that is a symlink pointing out of the workspace, and leaves its target alone', async () => {
    await writeFile(join(sandbox.root, 'victim.txt'), 'precious')
    await symlink(join(sandbox.root, 'victim.txt'), join(sandbox.workspace, 'innocent.txt'))
    const result = await run('write_file', { path: 'innocent.txt', content: 'overwritten' })
    expect(result.output).toMatch(/outside the workspace/)
    expect(await readFile(join(sandbox.root, 'victim.txt'), 'utf8')).toBe('precious')
  })

  it('refuses .. and absolute paths outside the workspace', async () => {
    for (const path of ['../evil.txt', 'a/../../evil.txt', join(sandbox.root, 'evil.txt')]) {
      expect((await run('write_file', { path, content: 'x' })).output).toMatch(/outside the workspace/)
    }
  })

  it('refuses to write over a folder', async () => {
    await mkdir(join(sandbox.workspace, 'src'))
    expect((await run('write_file', { path: 'src', content: 'x' })).output).toBe('Error: "src" is not a file.')
  })

  it('tells the model which argument is missing', async () => {
    expect((await run('write_file', { path: 'a.txt' })).output).toMatch(
      /^Error: Invalid arguments for write_file: content: /,
    )
  })
})
