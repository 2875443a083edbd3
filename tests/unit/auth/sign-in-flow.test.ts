import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { encodeJwt } from '../../../src/fake-codex/jwt'
import { sessionFromSignIn } from '../../../src/main/auth/token-session'
import { completeInBrowser, type Fixture, setUp, toLoopback } from './support'

let fixture: Fixture
beforeEach(async () => {
  fixture = await setUp({ account: { email: 'ada@example.com', accountId: 'acct_ada', plan: 'pro' } })
})
afterEach(() => fixture.cleanup())

describe('signing in with ChatGPT', () => {
  it('signs in through the browser and shows the account', async () => {
    const app = fixture.start()
    const started = await app.signIn()
    expect(started.status).toBe('signing-in')

    const page = await completeInBrowser(started.authorizeUrl!)
    expect(await page.text()).toContain('Signed in to Codex Desk. You can close this tab.')

    const account = await app.account()
    expect(account).toMatchObject({
      status: 'signed-in',
      email: 'ada@example.com',
      plan: 'pro',
      accountId: 'acct_ada',
      tokenStorage: 'encrypted',
    })
    expect(await app.auth.tokens.getCredentials()).toMatchObject({ accountId: 'acct_ada' })
  })

  it("opens the browser on the issuer's authorize URL with Codex's parameters in Codex's order", async () => {
    const app = fixture.start()
    const { authorizeUrl } = await app.signIn()
    expect(app.opened).toEqual([authorizeUrl])

    const url = new URL(authorizeUrl!)
    expect(`${url.origin}${url.pathname}`).toBe(`${fixture.fake.issuerUrl}/oauth/authorize`)
    expect([...url.searchParams.keys()]).toEqual([
      'response_type',
      'client_id',
      'redirect_uri',
      'scope',
      'code_challenge',
      'code_challenge_method',
      'id_token_add_organizations',
      'codex_cli_simplified_flow',
      'state',
      'originator',
    ])
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'app_EMoamEEZ73f0CkXaXp7hrann',
      redirect_uri: `http://localhost:${fixture.port}/auth/callback`,
      scope: 'openid profile email offline_access',
      code_challenge_method: 'S256',
      id_token_add_organizations: 'true',
      codex_cli_simplified_flow: 'true',
      originator: 'codex_desk',
    })
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(authorizeUrl).toContain('scope=openid%20profile%20email%20offline_access')
  })

  it('names the client as CODEX_DESK_ORIGINATOR says, when it is set', async () => {
    const app = fixture.start({ originator: 'codex_cli_rs' })
    const { authorizeUrl } = await app.signIn()
    expect(new URL(authorizeUrl!).searchParams.get('originator')).toBe('codex_cli_rs')
  })

  it('tells every account:changed listener about the sign-in without any token', async () => {
    const app = fixture.start()
    await completeInBrowser((await app.signIn()).authorizeUrl!)
    const signedIn = await app.waitFor((state) => state.status === 'signed-in')

    expect(app.changes.map((state) => state.status)).toEqual(['signing-in', 'signed-in'])
    expect(Object.keys(signedIn).sort()).toEqual(['accountId', 'email', 'expiresAt', 'plan', 'status', 'tokenStorage'])
    const { accessToken } = await app.auth.tokens.getCredentials()
    expect(JSON.stringify(app.changes)).not.toContain(accessToken)
  })

  it('returns the running sign-in when asked to sign in twice', async () => {
    const app = fixture.start()
    const [first, second] = await Promise.all([app.signIn(), app.signIn()])
    const third = await app.signIn()
    expect(second.authorizeUrl).toBe(first.authorizeUrl)
    expect(third.authorizeUrl).toBe(first.authorizeUrl)
    expect(app.opened).toHaveLength(1)
  })

  it('rejects a callback with the wrong state and keeps waiting for the right one', async () => {
    const app = fixture.start()
    const { authorizeUrl } = await app.signIn()
    const authorize = await fetch(authorizeUrl!, { redirect: 'manual' })
    const callback = new URL(toLoopback(authorize.headers.get('location')!))
    const forged = new URL(callback)
    forged.searchParams.set('state', 'forged')

    const rejected = await fetch(forged)
    expect(rejected.status).toBe(400)
    expect(await rejected.text()).toBe('State mismatch')
    expect((await app.account()).status).toBe('signing-in')

    const accepted = await fetch(callback)
    expect(accepted.status).toBe(200)
    expect((await app.account()).status).toBe('signed-in')
  })

  it('says Codex is not enabled when the workspace lacks the Codex entitlement', async () => {
    const app = fixture.start()
    fixture.fake.issuer.denyNextAuthorize('missing_codex_entitlement')
    const page = await completeInBrowser((await app.signIn()).authorizeUrl!)

    expect(await page.text()).toContain('Codex is not enabled for your workspace')
    const account = await app.waitFor((state) => state.status === 'signed-out')
    expect(account.message).toContain('Codex is not enabled for your workspace')
  })

  it('gives up when the browser never comes back', async () => {
    const app = fixture.start({ loginTimeoutMs: 50 })
    await app.signIn()
    const account = await app.waitFor((state) => state.status === 'signed-out')
    expect(account.message).toMatch(/timed out/)
    expect(await fetch(`http://127.0.0.1:${fixture.port}/`).catch(() => 'closed')).toBe('closed')
  })

  it('cancels a running sign-in and frees the port', async () => {
    const app = fixture.start()
    await app.signIn()
    const account = await app.cancelSignIn()
    expect(account).toMatchObject({ status: 'signed-out', message: 'Sign-in was cancelled.' })
    expect(await fetch(`http://127.0.0.1:${fixture.port}/`).catch(() => 'closed')).toBe('closed')
  })

  it('answers 404 on paths other than the callback while waiting', async () => {
    const app = fixture.start()
    await app.signIn()
    expect((await fetch(`http://127.0.0.1:${fixture.port}/favicon.ico`)).status).toBe(404)
    expect((await app.account()).status).toBe('signing-in')
  })

  it('refuses tokens that carry no ChatGPT account id', () => {
    const exp = Math.floor(Date.now() / 1000) + 3600
    const anonymous = encodeJwt({ exp, email: 'nobody@example.com' })
    expect(() =>
      sessionFromSignIn(
        { id_token: anonymous, access_token: anonymous, refresh_token: 'rt', expires_in: 3600 },
        Date.now(),
      ),
    ).toThrow(/account id is missing/)
  })

  it('forgets every token on sign-out', async () => {
    const app = fixture.start()
    await app.signInWithBrowser()
    expect(await app.signOut()).toMatchObject({ status: 'signed-out' })
    await expect(app.auth.tokens.getCredentials()).rejects.toMatchObject({ error: { kind: 'not-signed-in' } })
    expect((await fixture.start().account()).status).toBe('signed-out')
  })
})
