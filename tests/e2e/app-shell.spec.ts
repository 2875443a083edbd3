import { expect, test } from './support/fixtures'

test('the app loads with an empty conversation list and no console errors', async ({ desk }) => {
  const { page } = desk
  await expect(page.getByRole('button', { name: 'New chat' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  expect(desk.consoleErrors).toEqual([])
})

test('"New chat" opens an empty chat and adds nothing to the list until a message is sent', async ({ desk }) => {
  const { page } = desk
  const items = page.getByTestId('conversation-item')
  await expect(items).toHaveCount(0)
  await page.getByRole('button', { name: 'New chat' }).click()
  await page.getByRole('button', { name: 'New chat' }).click()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused()
  await expect(page.getByTestId('message')).toHaveCount(0)
  await expect(items).toHaveCount(0)
  expect(desk.consoleErrors).toEqual([])
})

test('the Settings dialog opens and closes', async ({ desk }) => {
  const { page } = desk
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
  expect(desk.consoleErrors).toEqual([])
})
