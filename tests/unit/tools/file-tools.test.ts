import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createToolRegistry } from '../../../src/main/tools'
import { makeSandbox } from './workspace'

let sandbox: Awaited<ReturnType<typeof makeSandbox>>
const tools = createToolRegistry()
const run = (name: string, args: Record<string, unknown>) =>
  tools.execute(
    { name, arguments: JSON.stringify(args) },
    { workspace: sandbox.workspace, signal: new AbortController().signal },
  )

beforeEach(async () => {
  sandbox = await makeSandbox()
})
afterEach(() => sandbox.cleanup())

describe('file tools', () => {
  it('reads a file inside the workspace', async () => {
    await mkdir(join(sandbox.workspace, 'notes'))
    await writeFile(join(sandbox.workspace, 'notes', 'todo.txt'), 'buy milk')
    expect(await run('read_file', { path: 'notes/todo.txt' })).toEqual({ state: 'done', output: 'buy milk' })
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

  it('refuses to follow a symlink that points out of the workspace', async () => {
    await writeFile(join(sandbox.root, 'secret.txt'), 'top secret')
    await symlink(join(sandbox.root, 'secret.txt'), join(sandbox.workspace, 'link.txt'))
    const result = await run('read_file', { path: 'link.txt' })
    expect(result.state).toBe('error')
    expect(result.output).not.toContain('top secret')
  })

  it('cuts a long file at 64 KB and says so', async () => {
    await writeFile(join(sandbox.workspace, 'big.log'), 'x'.repeat(200_000))
    const result = await run('read_file', { path: 'big.log' })
    expect(result.state).toBe('done')
    expect(result.output.startsWith('x'.repeat(64 * 1024))).toBe(true)
    expect(result.output).toContain('[output truncated: showing the first 65536 of 200000 characters]')
    expect(result.output.length).toBeLessThan(64 * 1024 + 200)
  })

  it('lists a folder with sub-folders marked', async () => {
    await mkdir(join(sandbox.workspace, 'src'))
    await writeFile(join(sandbox.workspace, 'README.md'), '# hi')
    expect(await run('list_directory', { path: '.' })).toEqual({ state: 'done', output: 'README.md\nsrc/' })
  })

  it('writes a new file, creating its folder', async () => {
    const result = await run('write_file', { path: 'out/hello.txt', content: 'hello' })
    expect(result.state).toBe('done')
    expect(await readFile(join(sandbox.workspace, 'out', 'hello.txt'), 'utf8')).toBe('hello')
  })

  it('refuses to write through a symlinked folder that points out of the workspace', async () => {
    await mkdir(join(sandbox.root, 'elsewhere'))
    await symlink(join(sandbox.root, 'elsewhere'), join(sandbox.workspace, 'escape'))
    const result = await run('write_file', { path: 'escape/evil.txt', content: 'x' })
    expect(result.output).toMatch(/outside the workspace/)
  })

  it('reports a missing file as an error the model can read', async () => {
    const result = await run('read_file', { path: 'nope.txt' })
    expect(result).toMatchObject({ state: 'error', output: 'Error: "nope.txt" does not exist.' })
  })
})
