import { expect, type Page } from '@playwright/test'

/**
 * Signs in the way a person does: Settings → "Sign in with ChatGPT"; the page opens the authorize URL in a new tab,
 * the fake issuer approves and redirects that tab to the app's loopback callback, and the account shows up.
 * Leaves the Settings dialog closed.
 */
export async function signInThroughSettings(page: Page, email = 'demo@example.com'): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const signInTab = page.context().waitForEvent('page')
  await dialog.getByRole('button', { name: 'Sign in with ChatGPT' }).click()
  const tab = await signInTab
  await tab.waitForLoadState()
  await expect(tab.locator('body')).toContainText('close this tab', { ignoreCase: true })
  await expect(dialog.getByTestId('account-email')).toHaveText(email)
  await tab.close()
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
}
