import os from 'node:os'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FakeCodex } from '../../../src/fake-codex/server'
import { clientIdentity } from '../../../src/main/client-identity'
import { readServiceEnv } from '../../../src/main/config'
import { makeClient, run, startFake } from './support'

let fake: FakeCodex
beforeAll(async () => {
  fake = await startFake()
})
afterAll(() => fake.close())
beforeEach(() => fake.responses.reset())

describe('the originator', () => {
  it('is codex_desk unless CODEX_DESK_ORIGINATOR says otherwise', () => {
    expect(readServiceEnv({}).originator).toBe('codex_desk')
    expect(readServiceEnv({ CODEX_DESK_ORIGINATOR: 'codex_cli_rs' }).originator).toBe('codex_cli_rs')
    expect(readServiceEnv({ CODEX_DESK_ORIGINATOR: '  ' }).originator).toBe('codex_desk')
  })

  it('refuses a value that cannot travel in a header', () => {
    expect(() => readServiceEnv({ CODEX_DESK_ORIGINATOR: 'bad\nvalue' })).toThrow(/CODEX_DESK_ORIGINATOR/)
  })

  it('goes out in the originator header and the User-Agent', async () => {
    await run(makeClient(fake, { identity: clientIdentity('codex_cli_rs', '1.2.3') }))

    expect(fake.responses.requests[0].headers).toMatchObject({
      originator: 'codex_cli_rs',
      'user-agent': `codex_cli_rs/1.2.3 (${os.type()} ${os.release()}; ${os.arch()})`,
    })
  })
})

describe('a 403 from the backend', () => {
  it('that names the client says the backend refused this client and what to try', async () => {
    fake.responses.enqueue({
      kind: 'http-error',
      status: 403,
      body: { detail: 'Originator codex_desk is not allowed.' },
    })
    const result = await run(makeClient(fake))

    expect(result.error).toMatchObject({ kind: 'client-refused', status: 403, retryable: false })
    expect(result.error?.message).toContain('refused this client (originator "codex_desk")')
    expect(result.error?.message).toContain('CODEX_DESK_ORIGINATOR')
    expect(result.error?.message).toContain('codex_cli_rs')
    expect(result.error?.message).toContain('update Codex Desk')
    expect(fake.responses.requests).toHaveLength(1)
  })

  it('that says nothing about the client stays a refused request', async () => {
    fake.responses.enqueue({ kind: 'http-error', status: 403, body: { detail: 'Forbidden.' } })
    const result = await run(makeClient(fake))

    expect(result.error).toMatchObject({ kind: 'invalid-request', status: 403 })
  })
})
