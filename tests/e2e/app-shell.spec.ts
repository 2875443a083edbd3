import { expect, test } from './support/fixtures'

test('the app loads with an empty conversation list and no console errors', async ({ desk }) => {
  const { page } = desk
  await expect(page.getByRole('button', { name: 'New chat' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  expect(desk.consoleErrors).toEqual([])
})

test('"New chat" adds a conversation to the list and makes it the active one', async ({ desk }) => {
  const { page } = desk
  const items = page.getByTestId('conversation-item')
  await expect(items).toHaveCount(0)
  await page.getByRole('button', { name: 'New chat' }).click()
  await expect(items).toHaveCount(1)
  await expect(items.first()).toHaveAttribute('aria-current', 'page')
  await page.getByRole('button', { name: 'New chat' }).click()
  await expect(items).toHaveCount(2)
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
