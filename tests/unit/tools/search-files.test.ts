import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeSandbox, runTool } from './workspace'

let sandbox: Awaited<ReturnType<typeof makeSandbox>>
const search = (args: Record<string, unknown>) => runTool(sandbox.workspace, 'search_files', args)

async function put(path: string, content: string | Buffer): Promise<void> {
  const file = join(sandbox.workspace, path)
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, content)
}

beforeEach(async () => {
  sandbox = await makeSandbox()
})
afterEach(() => sandbox.cleanup())

describe('search_files', () => {
  it('finds text across the workspace as path:line: text', async () => {
    await put('src/app.ts', 'const a = 1\n// TODO: rename\nexport {}\n')
    await put('README.md', 'todo list\n')
    expect(await search({ pattern: 'todo' })).toEqual({
      state: 'done',
      output: 'README.md:1: todo list\nsrc/app.ts:2: // TODO: rename',
    })
  })

  it('matches case exactly when asked', async () => {
    await put('a.txt', 'Alpha\nalpha\n')
    expect((await search({ pattern: 'alpha', case_sensitive: true })).output).toBe('a.txt:2: alpha')
  })

  it('takes a regular expression, and explains an invalid one', async () => {
    await put('a.ts', 'function one() {}\nconst two = () => {}\nfunction three() {}\n')
    expect((await search({ pattern: '^function \\w+\\(', regex: true })).output).toBe(
      'a.ts:1: function one() {}\na.ts:3: function three() {}',
    )
    const invalid = await search({ pattern: '(unclosed', regex: true })
    expect(invalid.output).toMatch(/^Error: The pattern is not a valid regular expression: /)
  })

  it('leaves out what .gitignore ignores, at any depth, and honours re-included files', async () => {
    await put('.gitignore', 'node_modules/\n*.log\n!keep.log\n')
    await put('node_modules/lib/index.js', 'needle\n')
    await put('debug.log', 'needle\n')
    await put('keep.log', 'needle\n')
    await put('packages/web/.gitignore', 'dist\n')
    await put('packages/web/dist/bundle.js', 'needle\n')
    await put('packages/web/src/main.js', 'needle\n')
    await put('.git/config', 'needle\n')
    expect((await search({ pattern: 'needle' })).output).toBe('keep.log:1: needle\npackages/web/src/main.js:1: needle')
  })

  it('applies the ignore rules of the folders above when searching a sub-folder', async () => {
    await put('.gitignore', 'generated/\n')
    await put('src/generated/types.ts', 'needle\n')
    await put('src/main.ts', 'needle\n')
    expect((await search({ pattern: 'needle', path: 'src' })).output).toBe('src/main.ts:1: needle')
  })

  it('filters files with a glob, by name or by path', async () => {
    await put('src/a.ts', 'needle\n')
    await put('src/b.js', 'needle\n')
    await put('test/c.ts', 'needle\n')
    expect((await search({ pattern: 'needle', glob: '*.ts' })).output).toBe('src/a.ts:1: needle\ntest/c.ts:1: needle')
    expect((await search({ pattern: 'needle', glob: 'src/**/*.{ts,js}' })).output).toBe(
      'src/a.ts:1: needle\nsrc/b.js:1: needle',
    )
  })

  it('caps the results and says so', async () => {
    await put('many.txt', 'needle\n'.repeat(30))
    const output = (await search({ pattern: 'needle', max_results: 5 })).output.split('\n')
    expect(output.slice(0, 5)).toEqual([1, 2, 3, 4, 5].map((line) => `many.txt:${line}: needle`))
    expect(output[5]).toBe('[showing the first 5 matches; there are more: narrow the search or raise max_results]')
    expect(output).toHaveLength(6)
  })

  it('skips binary and huge files', async () => {
    await put('image.bin', Buffer.concat([Buffer.from('needle\n'), Buffer.from([0, 1, 2])]))
    await put('huge.txt', `needle\n${'x'.repeat(2 * 1024 * 1024)}`)
    await put('small.txt', 'needle\n')
    expect((await search({ pattern: 'needle' })).output).toBe(
      'small.txt:1: needle\n[1 file(s) over 1 MB were not searched]',
    )
  })

  it('does not follow links out of the workspace, nor search outside it', async () => {
    await mkdir(join(sandbox.root, 'elsewhere'))
    await writeFile(join(sandbox.root, 'elsewhere', 'secret.txt'), 'needle\n')
    await symlink(join(sandbox.root, 'elsewhere'), join(sandbox.workspace, 'linked'))
    await symlink(join(sandbox.root, 'elsewhere', 'secret.txt'), join(sandbox.workspace, 'secret.txt'))
    expect((await search({ pattern: 'needle' })).output).toBe('No matches.')
    expect((await search({ pattern: 'needle', path: '..' })).output).toMatch(/outside the workspace/)
  })

  it('refuses arguments it does not know', async () => {
    expect((await search({ pattern: 'x', max_results: 0 })).output).toMatch(
      /^Error: Invalid arguments for search_files: max_results: /,
    )
    expect((await search({ query: 'x' })).output).toMatch(/^Error: Invalid arguments for search_files: /)
  })
})
