import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeJwtPayload } from '../../../src/fake-codex/jwt'
import { type FakeCodex, startFakeCodex } from '../../../src/fake-codex/server'

const CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann'
const REDIRECT_URI = 'http://localhost:1455/auth/callback'

let fake: FakeCodex
beforeEach(async () => {
  fake = await startFakeCodex()
})
afterEach(() => fake.close())

async function authorize(challenge: string): Promise<string> {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email offline_access',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'state-1',
  })
  const response = await fetch(`${fake.issuerUrl}/oauth/authorize?${params}`, { redirect: 'manual' })
  const location = new URL(response.headers.get('location') ?? '')
  return location.searchParams.get('code') ?? ''
}

function exchange(code: string, verifier: string): Promise<Response> {
  return fetch(`${fake.issuerUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    }),
  })
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(64).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

describe('the fake ChatGPT issuer', () => {
  it('redirects to the loopback callback keeping localhost as given', async () => {
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
      state: 'xyz',
    })
    const response = await fetch(`${fake.issuerUrl}/oauth/authorize?${params}`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toMatch(/^http:\/\/localhost:1455\/auth\/callback\?code=[\w-]+&state=xyz$/)
  })

  it('refuses a redirect URI that is not a loopback callback', async () => {
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: 'https://evil.example/auth/callback',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
      state: 'xyz',
    })
    expect((await fetch(`${fake.issuerUrl}/oauth/authorize?${params}`, { redirect: 'manual' })).status).toBe(400)
  })

  it('rejects a code exchange with the wrong PKCE verifier', async () => {
    const code = await authorize(pkce().challenge)
    const response = await exchange(code, pkce().verifier)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('accepts each authorization code once', async () => {
    const { verifier, challenge } = pkce()
    const code = await authorize(challenge)
    expect((await exchange(code, verifier)).status).toBe(200)
    expect((await exchange(code, verifier)).status).toBe(400)
  })

  it('issues JWT-shaped tokens with the ChatGPT account claims', async () => {
    const { verifier, challenge } = pkce()
    const tokens = (await (await exchange(await authorize(challenge), verifier)).json()) as Record<string, string>
    expect(decodeJwtPayload(tokens.id_token)).toMatchObject({
      email: 'demo@example.com',
      exp: expect.any(Number),
      'https://api.openai.com/auth': { chatgpt_account_id: 'acct_demo', chatgpt_plan_type: 'plus' },
    })
    expect(fake.issuer.verifyAccessToken(tokens.access_token)?.account.accountId).toBe('acct_demo')
    expect(fake.issuer.verifyAccessToken('not-a-token')).toBeNull()
  })

  it('lists every token set it issued, for tests to look for leaks', async () => {
    expect(fake.issuer.issuedTokens()).toEqual([])
    const { verifier, challenge } = pkce()
    const exchanged = await (await exchange(await authorize(challenge), verifier)).json()
    const direct = fake.issuer.issueTokens()
    expect(fake.issuer.issuedTokens()).toEqual([exchanged, direct])
    // A copy: a test cannot change what the issuer remembers.
    fake.issuer.issuedTokens()[0].access_token = 'changed'
    expect(fake.issuer.issuedTokens()[0]).toEqual(exchanged)
  })

  it('rejects a reused refresh token the way the real issuer does', async () => {
    const { refresh_token } = fake.issuer.issueTokens()
    const refresh = () =>
      fetch(`${fake.issuerUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token }),
      })
    expect((await refresh()).status).toBe(200)
    const reused = await refresh()
    expect(reused.status).toBe(401)
    expect(await reused.json()).toMatchObject({ error: { code: 'refresh_token_reused' } })
  })
})
