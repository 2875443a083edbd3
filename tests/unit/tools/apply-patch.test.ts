import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeSandbox, runTool } from './workspace'

let sandbox: Awaited<ReturnType<typeof makeSandbox>>
const patch = (...lines: string[]) =>
  runTool(sandbox.workspace, 'apply_patch', { input: ['*** Begin Patch', ...lines, '*** End Patch'].join('\n') })

async function put(path: string, content: string): Promise<void> {
  const file = join(sandbox.workspace, path)
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, content)
}
const read = (path: string) => readFile(join(sandbox.workspace, path), 'utf8')

async function snapshot(): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(sandbox.workspace, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[join(entry.parentPath, entry.name)] = await readFile(join(entry.parentPath, entry.name), 'utf8')
  }
  return files
}

beforeEach(async () => {
  sandbox = await makeSandbox()
})
afterEach(() => sandbox.cleanup())

describe('apply_patch', () => {
  it('adds, updates, deletes and moves files in one patch', async () => {
    await put('src/app.py', 'import os\n\ndef main():\n    pass\n\nmain()\n')
    await put('old.txt', 'bye\n')
    await put('lib/util.py', 'def helper():\n    return 1\n')
    const result = await patch(
      '*** Add File: docs/notes.md',
      '+# Notes',
      '+',
      '+first',
      '*** Update File: src/app.py',
      '@@ def main():',
      '-    pass',
      '+    print("hi")',
      '*** Delete File: old.txt',
      '*** Update File: lib/util.py',
      '*** Move to: lib/helpers.py',
      '@@',
      ' def helper():',
      '-    return 1',
      '+    return 2',
    )
    expect(result).toEqual({
      state: 'done',
      output:
        'Success. Updated the following files:\nA docs/notes.md\nM src/app.py\nD old.txt\nM lib/helpers.py (moved from lib/util.py)',
    })
    expect(await read('docs/notes.md')).toBe('# Notes\n\nfirst\n')
    expect(await read('src/app.py')).toBe('import os\n\ndef main():\n    print("hi")\n\nmain()\n')
    await expect(read('old.txt')).rejects.toThrow()
    await expect(read('lib/util.py')).rejects.toThrow()
    expect(await read('lib/helpers.py')).toBe('def helper():\n    return 2\n')
  })

  it('changes nothing when one file of the patch does not apply, and names the file and the lines', async () => {
    await put('a.txt', 'one\ntwo\n')
    await put('b.txt', 'three\nfour\n')
    const before = await snapshot()
    const result = await patch(
      '*** Update File: a.txt',
      '-one',
      '+ONE',
      '*** Add File: c.txt',
      '+new',
      '*** Update File: b.txt',
      '@@',
      '-five',
      '+FIVE',
    )
    expect(result.state).toBe('error')
    expect(result.output).toBe(
      'Error: The patch was not applied; no file was changed. Could not find these lines in b.txt:\n  five',
    )
    expect(await snapshot()).toEqual(before)
  })

  it('names the missing context line', async () => {
    await put('a.py', 'def a():\n    pass\n')
    const result = await patch('*** Update File: a.py', '@@ def b():', '-    pass', '+    return')
    expect(result.output).toBe(
      "Error: The patch was not applied; no file was changed. Could not find the context line 'def b():' in a.py.",
    )
  })

  it('matches context despite trailing spaces, indentation and typographic punctuation', async () => {
    await put('a.py', 'x = 1   \n    y = 2\nprint("a – b")\n')
    const result = await patch('*** Update File: a.py', '@@', ' x = 1', ' y = 2', '-print("a - b")', '+print("done")')
    expect(result.state).toBe('done')
    expect(await read('a.py')).toBe('x = 1   \n    y = 2\nprint("done")\n')
  })

  it('applies several chunks in order and an end-of-file chunk at the end', async () => {
    await put('a.txt', 'a\nb\nc\nd\ne\nf\n')
    const result = await patch(
      '*** Update File: a.txt',
      '@@',
      ' a',
      '-b',
      '+B',
      '@@',
      ' d',
      '-e',
      '+E',
      '@@',
      ' f',
      '+g',
      '*** End of File',
    )
    expect(result.state).toBe('done')
    expect(await read('a.txt')).toBe('a\nB\nc\nd\nE\nf\ng\n')
  })

  it('keeps Windows line endings', async () => {
    await put('a.txt', 'one\r\ntwo\r\n')
    expect((await patch('*** Update File: a.txt', '@@', '-two', '+TWO')).state).toBe('done')
    expect(await read('a.txt')).toBe('one\r\nTWO\r\n')
  })

  it('accepts a patch wrapped in a heredoc', async () => {
    const input = "<<'EOF'\n*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch\nEOF"
    expect((await runTool(sandbox.workspace, 'apply_patch', { input })).state).toBe('done')
    expect(await read('a.txt')).toBe('hi\n')
  })

  it('explains a malformed patch', async () => {
    const missingEnd = await runTool(sandbox.workspace, 'apply_patch', { input: '*** Begin Patch\n*** Add File: a' })
    expect(missingEnd.output).toBe(
      "Error: The patch was not applied; no file was changed. Invalid patch: the last line must be '*** End Patch'.",
    )
    const badHeader = await patch('*** Change File: a.txt', '+x')
    expect(badHeader.output).toMatch(
      /Invalid patch hunk on line 2: '\*\*\* Change File: a.txt' is not a valid file header/,
    )
    const badLine = await patch('*** Update File: a.txt', '@@', 'no marker')
    expect(badLine.output).toMatch(/Invalid patch hunk on line 4: unexpected line 'no marker'/)
  })

  it('refuses to add a file that exists, or to update or delete one that does not', async () => {
    await put('a.txt', 'a\n')
    expect((await patch('*** Add File: a.txt', '+b')).output).toMatch(/a\.txt already exists/)
    expect((await patch('*** Delete File: gone.txt')).output).toMatch(/"gone.txt" does not exist/)
    expect((await patch('*** Update File: gone.txt', '@@', '-a', '+b')).output).toMatch(/"gone.txt" does not exist/)
    expect(await read('a.txt')).toBe('a\n')
  })

  it('refuses paths outside the workspace, by .., absolute path or a symlinked folder', async () => {
    await mkdir(join(sandbox.root, 'elsewhere'))
    await writeFile(join(sandbox.root, 'elsewhere', 'victim.txt'), 'precious\n')
    await symlink(join(sandbox.root, 'elsewhere'), join(sandbox.workspace, 'linked'))
    const attempts = [
      ['*** Add File: ../evil.txt', '+x'],
      [`*** Add File: ${join(sandbox.root, 'evil.txt')}`, '+x'],
      ['*** Update File: linked/victim.txt', '@@', '-precious', '+owned'],
      ['*** Delete File: linked/victim.txt'],
      ['*** Add File: inside.txt', '+x', '*** Add File: linked/evil.txt', '+x'],
    ]
    for (const lines of attempts) expect((await patch(...lines)).output).toMatch(/outside the workspace/)
    expect(await readFile(join(sandbox.root, 'elsewhere', 'victim.txt'), 'utf8')).toBe('precious\n')
    expect(await readdir(join(sandbox.root, 'elsewhere'))).toEqual(['victim.txt'])
    expect(await readdir(sandbox.workspace)).toEqual(['linked'])
  })
})
