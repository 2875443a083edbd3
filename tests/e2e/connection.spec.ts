import { cuttableConnection } from './support/connection'
import { expect, test } from './support/fixtures'
import { signInThroughSettings } from './support/sign-in'

test.skip(({ shell }) => shell === 'electron', 'only the web harness talks to main over a connection that can drop')

test('the connection lost while typing: the text stays, Send waits, and the message goes once it is back', async ({
  desk,
}) => {
  const { page } = desk
  await signInThroughSettings(page)
  // Every socket to main goes through the test from the next page load on, so it can cut it and let it back.
  const connection = await cuttableConnection(page)
  await page.reload()
  const composer = page.getByRole('textbox', { name: 'Message' })
  await expect(composer).toBeVisible()
  await expect.poll(() => connection.connected()).toBe(true)

  await composer.fill('Written while the line was down')
  await connection.cut()
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled()
  await composer.press('Enter')
  await expect(composer).toHaveValue('Written while the line was down')

  connection.restore()
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeHidden({ timeout: 20_000 })
  await composer.press('Enter')
  const answer = page.locator('[data-testid="message"][data-role="assistant"]').last()
  await expect(answer).toHaveAttribute('data-state', 'done')
  const sent = page.locator('[data-testid="message"][data-role="user"]')
  await expect(sent).toHaveCount(1)
  await expect(sent).toContainText('Written while the line was down')
  await expect(composer).toHaveValue('')
})
