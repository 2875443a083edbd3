import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Fixture, setUp } from './support'

let fixture: Fixture
afterEach(() => fixture.cleanup())

async function refreshWith(refreshToken: string): Promise<Response> {
  return fetch(`${fixture.fake.issuerUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    }),
  })
}

describe('keeping the sign-in fresh near expiry', () => {
  // Tokens that live 10 s are always within the 30 s refresh margin: every use is "near expiry".
  beforeEach(async () => {
    fixture = await setUp({ accessTokenTtlSeconds: 10 })
  })
  it('refreshes once for 20 requests that all find the token about to expire', async () => {
    const app = fixture.start()
    const issued = await app.signInWithBrowser()

    const credentials = await Promise.all(Array.from({ length: 20 }, () => app.auth.tokens.getCredentials()))

    expect(fixture.fake.issuer.refreshCount).toBe(1)
    expect(new Set(credentials.map((c) => c.accessToken)).size).toBe(1)
    expect(credentials[0].accessToken).not.toBe(issued.access_token)
    expect(fixture.fake.issuer.verifyAccessToken(credentials[0].accessToken)).not.toBeNull()
  })

  it('keeps working after a restart that follows a refresh, because the rotated token was saved', async () => {
    const app = fixture.start()
    await app.signInWithBrowser()
    await app.auth.tokens.getCredentials()

    const restarted = fixture.start()
    const { accessToken } = await restarted.auth.tokens.getCredentials()
    expect(fixture.fake.issuer.refreshCount).toBe(2)
    expect(fixture.fake.issuer.verifyAccessToken(accessToken)).not.toBeNull()
    expect((await restarted.account()).status).toBe('signed-in')
  })

  it('signs out with "Sign in again" when the refresh token was already used elsewhere', async () => {
    const app = fixture.start()
    const issued = await app.signInWithBrowser()
    expect((await refreshWith(issued.refresh_token)).status).toBe(200)

    await expect(app.auth.tokens.getCredentials()).rejects.toMatchObject({
      error: { kind: 'sign-in-again', code: 'refresh_token_reused' },
    })
    expect(await app.account()).toMatchObject({
      status: 'signed-out',
      message: 'Your session has ended. Sign in again.',
    })
    expect((await fixture.start().account()).status).toBe('signed-out')
  })

  it('stays signed in when the refresh fails with a server error', async () => {
    const app = fixture.start()
    await app.signInWithBrowser()
    fixture.fake.issuer.failNextRefresh(503)

    await expect(app.auth.tokens.getCredentials()).rejects.toMatchObject({ error: { retryable: true } })
    expect((await app.account()).status).toBe('signed-in')
    await expect(app.auth.tokens.getCredentials()).resolves.toHaveProperty('accountId', 'acct_demo')
  })

  it('announces each refresh with the new expiry and no token', async () => {
    const app = fixture.start()
    await app.signInWithBrowser()
    const before = app.changes.length
    const { accessToken } = await app.auth.tokens.getCredentials()

    expect(app.changes.length).toBe(before + 1)
    expect(app.changes.at(-1)).toMatchObject({
      status: 'signed-in',
      email: 'demo@example.com',
      expiresAt: expect.any(Number),
    })
    expect(JSON.stringify(app.changes)).not.toContain(accessToken)
  })
})

describe('keeping the sign-in fresh far from expiry', () => {
  beforeEach(async () => {
    fixture = await setUp()
  })

  it('does not refresh a token that is far from expiry', async () => {
    const app = fixture.start()
    await app.signInWithBrowser()
    await app.auth.tokens.getCredentials()
    expect(fixture.fake.issuer.refreshCount).toBe(0)
  })

  it('refreshes after a 401 only when nobody has refreshed the rejected token yet', async () => {
    const app = fixture.start()
    await app.signInWithBrowser()
    const rejected = await app.auth.tokens.getCredentials()

    const renewed = await app.auth.tokens.refreshAfterUnauthorized(rejected)
    const again = await app.auth.tokens.refreshAfterUnauthorized(rejected)

    expect(renewed.accessToken).not.toBe(rejected.accessToken)
    expect(again.accessToken).toBe(renewed.accessToken)
    expect(fixture.fake.issuer.refreshCount).toBe(1)
  })
})
