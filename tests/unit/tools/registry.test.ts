import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createToolRegistry, defineTool, ToolError } from '../../../src/main/tools'

const signal = () => new AbortController().signal

describe('tool registry', () => {
  it('offers only the clock when no workspace is chosen', () => {
    expect(
      createToolRegistry()
        .specs(null)
        .map((spec) => spec.name),
    ).toEqual(['get_current_time'])
  })

  it('offers the file and command tools once a workspace is chosen', () => {
    expect(
      createToolRegistry()
        .specs('/some/folder')
        .map((spec) => spec.name),
    ).toEqual([
      'get_current_time',
      'list_directory',
      'read_file',
      'search_files',
      'write_file',
      'apply_patch',
      'run_command',
    ])
  })

  it('describes each tool as a flat function tool with a JSON schema', () => {
    const readFile = createToolRegistry()
      .specs('/w')
      .find((spec) => spec.name === 'read_file')
    expect(readFile).toMatchObject({
      type: 'function',
      strict: false,
      parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    })
    expect(readFile?.parameters).not.toHaveProperty('$schema')
  })

  const readers = ['read_file', 'list_directory', 'search_files', 'get_current_time']
  const writers = ['write_file', 'apply_patch', 'run_command']

  it('by default asks before writing files or running commands, not before reading', () => {
    const tools = createToolRegistry()
    expect(readers.map((name) => tools.needsApproval(name, 'ask-writes'))).toEqual([false, false, false, false])
    expect(writers.map((name) => tools.needsApproval(name, 'ask-writes'))).toEqual([true, true, true])
  })

  it('asks for every tool at "ask for everything", and for none at "run everything"', () => {
    const tools = createToolRegistry()
    const all = [...readers, ...writers]
    expect(all.every((name) => tools.needsApproval(name, 'ask-all'))).toBe(true)
    expect(all.some((name) => tools.needsApproval(name, 'run-all'))).toBe(false)
  })

  it('never asks about a tool that does not exist: it fails without running', () => {
    expect(createToolRegistry().needsApproval('format_disk', 'ask-all')).toBe(false)
  })

  it('describes every argument of every tool and accepts no others', () => {
    for (const spec of createToolRegistry().specs('/w')) {
      const parameters = spec.parameters as { properties: Record<string, { description?: string }> }
      expect(spec.parameters, spec.name).toMatchObject({ type: 'object', additionalProperties: false })
      for (const [name, property] of Object.entries(parameters.properties)) {
        expect(property.description, `${spec.name}.${name}`).toEqual(expect.any(String))
      }
    }
  })

  it('waits for a tool that settles on abort and passes on what it returned with its error', async () => {
    const patient = defineTool({
      name: 'patient',
      description: 'returns its partial work when stopped',
      args: z.object({}),
      approval: 'auto',
      needsWorkspace: false,
      timeoutMs: 60_000,
      outputCap: 100,
      settlesOnAbort: true,
      run: (_args, context) =>
        new Promise<string>((_resolve, reject) => {
          context.signal.addEventListener('abort', () =>
            setImmediate(() => reject(new ToolError('stopped', { output: 'half done [stopped]' }))),
          )
        }),
    })
    const stop = new AbortController()
    const pending = createToolRegistry([patient]).execute(
      { name: 'patient', arguments: '{}' },
      { workspace: null, signal: stop.signal },
    )
    stop.abort()
    expect(await pending).toEqual({ state: 'error', output: 'half done [stopped]', error: 'stopped' })
  })

  it('tells the current time without a workspace', async () => {
    const result = await createToolRegistry().execute(
      { name: 'get_current_time', arguments: '{}' },
      { workspace: null, signal: signal() },
    )
    expect(result.state).toBe('done')
    expect(result.output).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('ends a tool that runs past its timeout with an error', async () => {
    const stuck = defineTool({
      name: 'stuck',
      description: 'never finishes',
      args: z.object({}),
      approval: 'auto',
      needsWorkspace: false,
      timeoutMs: 20,
      outputCap: 100,
      run: () => new Promise<string>(() => {}),
    })
    const result = await createToolRegistry([stuck]).execute(
      { name: 'stuck', arguments: '{}' },
      { workspace: null, signal: signal() },
    )
    expect(result).toEqual({
      state: 'error',
      output: 'Error: The tool timed out after 0.02 s.',
      error: 'The tool timed out after 0.02 s.',
    })
  })

  it('cuts output longer than the tool allows', async () => {
    const chatty = defineTool({
      name: 'chatty',
      description: 'talks a lot',
      args: z.object({}),
      approval: 'auto',
      needsWorkspace: false,
      timeoutMs: 1_000,
      outputCap: 10,
      run: async () => 'y'.repeat(10_000),
    })
    const result = await createToolRegistry([chatty]).execute(
      { name: 'chatty', arguments: '' },
      { workspace: null, signal: signal() },
    )
    expect(result.output).toBe(`${'y'.repeat(10)}\n[output truncated: showing the first 10 of 10000 characters]`)
  })

  it('tells the model when its arguments are not valid JSON', async () => {
    const result = await createToolRegistry().execute(
      { name: 'read_file', arguments: '{"path":' },
      { workspace: '/w', signal: signal() },
    )
    expect(result).toMatchObject({ state: 'error', output: 'Error: The arguments are not valid JSON.' })
  })

  it('tells the model when it calls a tool that does not exist', async () => {
    const result = await createToolRegistry().execute(
      { name: 'launch_rockets', arguments: '{}' },
      { workspace: null, signal: signal() },
    )
    expect(result.output).toBe('Error: There is no tool named "launch_rockets".')
  })

  it('refuses a workspace tool when no workspace is chosen', async () => {
    const result = await createToolRegistry().execute(
      { name: 'read_file', arguments: '{"path":"a.txt"}' },
      { workspace: null, signal: signal() },
    )
    expect(result.state).toBe('error')
  })
})
