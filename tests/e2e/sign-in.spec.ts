import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { IssuedTokens } from '../../src/fake-codex/issuer'
import { type Desk, expect, test } from './support/fixtures'
import { signInThroughSettings } from './support/sign-in'

test.skip(
  ({ shell }) => shell === 'electron',
  'Sign-in in the Electron shell opens the system browser, which Playwright cannot follow to the loopback callback',
)

const EMAIL = 'demo@example.com'

function openSettings(page: Page) {
  return page.getByRole('button', { name: 'Settings' }).click()
}

function settingsDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Settings' })
}

/**
 * Every secret the fake issuer handed out: each token whole, and the unique parts of the JWTs on their own (the
 * payload and the signature), so a token cut into pieces or re-encoded around its dots is still caught.
 */
function secretsIssuedBy(desk: Desk): string[] {
  const issued: IssuedTokens[] = desk.fake.issuer.issuedTokens()
  const secrets = new Set<string>()
  for (const tokens of issued) {
    for (const token of [tokens.access_token, tokens.refresh_token, tokens.id_token]) {
      secrets.add(token)
      const [, payload, signature] = token.split('.')
      if (payload) secrets.add(payload)
      if (signature) secrets.add(signature)
    }
  }
  return [...secrets]
}

function leaksIn(texts: string[], secrets: string[]): string[] {
  return secrets.filter((secret) => texts.some((text) => text.includes(secret)))
}

async function pageStorage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // This runs in the page; the Node tsconfig has no DOM types, so name the little of Storage used here.
    interface WebStorage {
      readonly length: number
      key(index: number): string | null
      getItem(key: string): string | null
    }
    const page = globalThis as unknown as { localStorage: WebStorage; sessionStorage: WebStorage }
    const all: string[] = []
    for (const storage of [page.localStorage, page.sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i) ?? ''
        all.push(key, storage.getItem(key) ?? '')
      }
    }
    return all
  })
}

async function filesUnder(dir: string): Promise<Array<{ path: string; text: string }>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  const files = entries.filter((entry) => entry.isFile())
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name)
      return { path, text: await readFile(path, 'latin1') }
    }),
  )
}

/**
 * Asserts that none of the tokens the fake issuer handed out so far reached the page: not in any message main sent
 * it (all of them since the test began, across reloads and restarts), nor in the current page's storage.
 */
async function expectNoTokenReachedThePage(desk: Desk): Promise<void> {
  const secrets = secretsIssuedBy(desk)
  expect(secrets.length, 'the fake issued tokens to look for').toBeGreaterThan(0)
  // The frames were really recorded: the account reached the page, only without its tokens.
  expect(desk.receivedFrames.some((frame) => frame.includes(EMAIL))).toBe(true)
  expect(leaksIn(desk.receivedFrames, secrets), 'tokens in messages sent to the page').toEqual([])
  expect(leaksIn(await pageStorage(desk.page), secrets), 'tokens in localStorage/sessionStorage').toEqual([])
}

test('I can sign in with ChatGPT from Settings and see my email', async ({ desk }) => {
  const { page } = desk
  await openSettings(page)
  await expect(settingsDialog(page).getByRole('button', { name: 'Sign in with ChatGPT' })).toBeVisible()
  await settingsDialog(page).getByRole('button', { name: 'Close' }).click()

  await signInThroughSettings(page, EMAIL)

  await openSettings(page)
  const dialog = settingsDialog(page)
  await expect(dialog.getByTestId('account-email')).toHaveText(EMAIL)
  await expect(dialog.getByRole('button', { name: 'Sign out' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Sign in with ChatGPT' })).toHaveCount(0)
  expect(desk.fake.issuer.issuedTokens()).toHaveLength(1)
  await expectNoTokenReachedThePage(desk)
  expect(desk.consoleErrors).toEqual([])
})

test('reloading the page keeps me signed in', async ({ desk }) => {
  await signInThroughSettings(desk.page, EMAIL)
  await desk.page.reload()
  await openSettings(desk.page)
  await expect(settingsDialog(desk.page).getByTestId('account-email')).toHaveText(EMAIL)
  await expect(settingsDialog(desk.page).getByRole('button', { name: 'Sign out' })).toBeVisible()
  await expectNoTokenReachedThePage(desk)
  expect(desk.consoleErrors).toEqual([])
})

test('restarting the app keeps me signed in from the encrypted token file, which holds no token in clear', async ({
  desk,
}) => {
  await signInThroughSettings(desk.page, EMAIL)
  await expectNoTokenReachedThePage(desk)

  const files = await filesUnder(desk.dataDir)
  const config = files.find((file) => file.path === join(desk.dataDir, 'config.json'))
  const auth = (JSON.parse(config?.text ?? '{}') as { auth?: { encrypted?: string } }).auth
  expect(auth).toEqual({ version: 1, encrypted: expect.any(String) })
  const secrets = secretsIssuedBy(desk)
  const filesWithTokens = files.filter((file) => leaksIn([file.text], secrets).length > 0).map((file) => file.path)
  expect(filesWithTokens).toEqual([])
  // Sealed, not merely encoded: the blob's bytes hold neither a token nor even the email.
  const sealed = Buffer.from(auth?.encrypted ?? '', 'base64').toString('latin1')
  expect(leaksIn([sealed], [...secrets, EMAIL])).toEqual([])
  expect(config?.text).not.toContain(EMAIL)

  await desk.restart()
  await openSettings(desk.page)
  await expect(settingsDialog(desk.page).getByTestId('account-email')).toHaveText(EMAIL)
  await expect(settingsDialog(desk.page).getByRole('button', { name: 'Sign out' })).toBeVisible()
  // The session came from the store, not from a new sign-in.
  expect(desk.fake.issuer.issuedTokens()).toHaveLength(1)
  await expectNoTokenReachedThePage(desk)
  expect(desk.consoleErrors).toEqual([])
})

test('signing out brings back "Sign in with ChatGPT", also after a restart', async ({ desk }) => {
  await signInThroughSettings(desk.page, EMAIL)
  await openSettings(desk.page)
  const dialog = settingsDialog(desk.page)
  await dialog.getByRole('button', { name: 'Sign out' }).click()
  const confirm = desk.page.getByRole('dialog', { name: 'Sign out?' })
  await confirm.getByRole('button', { name: 'Sign out' }).click()
  await expect(confirm).toBeHidden()
  await expect(dialog.getByRole('button', { name: 'Sign in with ChatGPT' })).toBeVisible()
  await expect(dialog.getByTestId('account-email')).toHaveCount(0)
  await expectNoTokenReachedThePage(desk)

  await desk.restart()
  await openSettings(desk.page)
  await expect(settingsDialog(desk.page).getByRole('button', { name: 'Sign in with ChatGPT' })).toBeVisible()
  await expect(settingsDialog(desk.page).getByTestId('account-email')).toHaveCount(0)
  const stored = JSON.parse(await readFile(join(desk.dataDir, 'config.json'), 'utf8')) as Record<string, unknown>
  expect(stored).not.toHaveProperty('auth')
  await expectNoTokenReachedThePage(desk)
  expect(desk.consoleErrors).toEqual([])
})

test('a denied authorization shows a clear error in Settings and I stay signed out', async ({ desk }) => {
  const { page } = desk
  desk.fake.issuer.denyNextAuthorize('The user denied access.')
  await openSettings(page)
  const dialog = settingsDialog(page)
  const tabOpened = page.context().waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in with ChatGPT' }).click()
  const tab = await tabOpened
  await expect(tab.locator('body')).toContainText('The user denied access.')
  await tab.close()

  await expect(dialog.getByRole('alert')).toHaveText('Sign-in failed: The user denied access.')
  await expect(dialog.getByRole('button', { name: 'Sign in with ChatGPT' })).toBeVisible()
  await expect(dialog.getByTestId('account-email')).toHaveCount(0)
  expect(desk.fake.issuer.issuedTokens()).toHaveLength(0)

  await page.reload()
  await openSettings(page)
  await expect(settingsDialog(page).getByRole('button', { name: 'Sign in with ChatGPT' })).toBeVisible()
  expect(desk.consoleErrors).toEqual([])
})

test('I can cancel a sign-in in progress, and the browser coming back later does not sign me in', async ({ desk }) => {
  const { page } = desk
  const context = page.context()
  // The person sits on ChatGPT's sign-in page and has not decided yet: the authorize request gets a page that waits.
  const isAuthorize = (url: URL) => url.pathname === '/oauth/authorize'
  await context.route(isAuthorize, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>ChatGPT</title><p>Log in to ChatGPT</p>' }),
  )

  await openSettings(page)
  const dialog = settingsDialog(page)
  const tabOpened = context.waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in with ChatGPT' }).click()
  const tab = await tabOpened
  await expect(tab.locator('body')).toContainText('Log in to ChatGPT')
  await expect(dialog.getByRole('status')).toContainText('finish signing in')

  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog.getByRole('button', { name: 'Sign in with ChatGPT' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toHaveCount(0)

  // ChatGPT approves after all: its redirect finds the app's login closed, so no code is ever exchanged.
  await context.unroute(isAuthorize)
  await expect(tab.reload()).rejects.toThrow(/ERR_CONNECTION_REFUSED/)
  await tab.close()
  await expect(dialog.getByRole('button', { name: 'Sign in with ChatGPT' })).toBeVisible()
  await expect(dialog.getByTestId('account-email')).toHaveCount(0)
  expect(desk.fake.issuer.issuedTokens()).toHaveLength(0)

  // Signing in again afterwards works: the cancelled login let go of the port.
  await dialog.getByRole('button', { name: 'Close' }).click()
  await signInThroughSettings(page, EMAIL)
  expect(desk.consoleErrors).toEqual([])
})
