import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Fixture, settingsWith, setUp, unavailableSecretBox } from './support'

let fixture: Fixture
beforeEach(async () => {
  fixture = await setUp()
})
afterEach(() => fixture.cleanup())

function everyFileInDataDir(): string {
  return readdirSync(fixture.dataDir)
    .map((name) => readFileSync(join(fixture.dataDir, name)).toString('latin1'))
    .join('\n')
}

describe('keeping the tokens on this computer', () => {
  it('writes no token in clear to disk', async () => {
    const app = fixture.start()
    const issued = await app.signInWithBrowser()

    const onDisk = everyFileInDataDir()
    expect(onDisk).toContain('"encrypted"')
    for (const token of [issued.access_token, issued.refresh_token, issued.id_token]) {
      expect(onDisk).not.toContain(token)
      expect(onDisk).not.toContain(token.split('.')[1] ?? token)
    }
    expect(onDisk).not.toContain('demo@example.com')
  })

  it('keeps the key file readable by its owner only', async () => {
    await fixture.start().signInWithBrowser()
    expect(statSync(join(fixture.dataDir, 'secret.key')).mode & 0o777).toBe(0o600)
  })

  it('stays signed in after a restart', async () => {
    await fixture.start().signInWithBrowser()
    const restarted = fixture.start()
    expect(await restarted.account()).toMatchObject({ status: 'signed-in', email: 'demo@example.com' })
    const { accessToken } = await restarted.auth.tokens.getCredentials()
    expect(fixture.fake.issuer.verifyAccessToken(accessToken)).not.toBeNull()
  })

  it('starts signed out, with a reason, when the stored sign-in cannot be decrypted', async () => {
    await fixture.start().signInWithBrowser()
    rmSync(join(fixture.dataDir, 'secret.key'))

    const restarted = fixture.start()
    expect(await restarted.account()).toMatchObject({
      status: 'signed-out',
      message: expect.stringContaining('Sign in again'),
    })
    await expect(restarted.auth.tokens.getCredentials()).rejects.toMatchObject({ error: { kind: 'not-signed-in' } })
  })

  it('keeps the tokens in memory only, and says so, when the OS offers no encryption', async () => {
    const app = fixture.start({ secretBox: unavailableSecretBox() })
    const issued = await app.signInWithBrowser()

    expect(await app.account()).toMatchObject({ status: 'signed-in', tokenStorage: 'memory' })
    expect(everyFileInDataDir()).not.toContain(issued.refresh_token)
    expect((await fixture.start({ secretBox: unavailableSecretBox() }).account()).status).toBe('signed-out')
  })

  it('stores the tokens unencrypted only once the user allowed it', async () => {
    const settings = settingsWith()
    const app = fixture.start({ secretBox: unavailableSecretBox(), settings })
    const issued = await app.signInWithBrowser()

    settings.set({ allowPlainTokenStorage: true })

    expect(app.changes.at(-1)).toMatchObject({ status: 'signed-in', tokenStorage: 'plain' })
    expect(everyFileInDataDir()).toContain(issued.refresh_token)
    const restarted = fixture.start({ secretBox: unavailableSecretBox(), settings })
    expect(await restarted.account()).toMatchObject({ status: 'signed-in', tokenStorage: 'plain' })
  })
})
