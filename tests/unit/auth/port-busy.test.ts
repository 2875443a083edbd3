import type { Server } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeServer, type Fixture, freePort, holdPort, setUp } from './support'

let fixture: Fixture
const held: Server[] = []
beforeEach(async () => {
  fixture = await setUp()
})
afterEach(async () => {
  for (const server of held.splice(0)) await closeServer(server)
  await fixture.cleanup()
})

describe('when the sign-in port is busy', () => {
  it('takes the port over from an earlier login server, which ends its login', async () => {
    const earlier = fixture.start()
    await earlier.signIn()

    const later = fixture.start()
    const started = await later.signIn()

    expect(started.authorizeUrl).toContain(encodeURIComponent(`http://localhost:${fixture.port}/auth/callback`))
    expect(await earlier.waitFor((state) => state.status === 'signed-out')).toMatchObject({
      message: 'Sign-in was cancelled.',
    })
  })

  it('moves to the fallback port when another program keeps the port', async () => {
    const fallbackPort = await freePort()
    held.push(await holdPort(fixture.port))
    const app = fixture.start({ fallbackPort })

    const started = await app.signIn()
    expect(started.authorizeUrl).toContain(encodeURIComponent(`http://localhost:${fallbackPort}/auth/callback`))
  })

  it('fails naming the port when the fallback port is busy too', async () => {
    const fallbackPort = await freePort()
    held.push(await holdPort(fixture.port), await holdPort(fallbackPort))
    const app = fixture.start({ fallbackPort })

    await expect(app.signIn()).rejects.toMatchObject({
      error: { kind: 'port-busy', message: expect.stringMatching(new RegExp(`${fixture.port}.*Sign-in needs`)) },
    })
    expect(await app.account()).toMatchObject({ status: 'signed-out', message: expect.stringContaining('in use') })
  })

  it('fails naming the port when a port without a fallback is busy', async () => {
    held.push(await holdPort(fixture.port))
    const app = fixture.start({ fallbackPort: null })

    await expect(app.signIn()).rejects.toMatchObject({
      error: { kind: 'port-busy', message: expect.stringContaining(`Port ${fixture.port} is in use`) },
    })
    expect(app.changes.at(-1)).toMatchObject({ status: 'signed-out', message: expect.stringContaining('in use') })
  })
})
