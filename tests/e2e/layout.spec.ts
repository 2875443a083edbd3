import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'

const conversationsNav = (page: Page) => page.getByRole('navigation', { name: 'Conversations' })

async function hasNoHorizontalScroll(page: Page): Promise<boolean> {
  return page.locator('html').evaluate((root) => root.scrollWidth <= root.clientWidth)
}

test.describe('in a narrow window (420 × 760)', () => {
  test.use({ viewport: { width: 420, height: 760 } })

  test('the conversation list is an overlay, the composer keeps its width, nothing scrolls sideways', async ({
    desk,
  }) => {
    const { page } = desk
    const composer = page.getByRole('textbox', { name: 'Message' })
    await expect(composer).toBeVisible()
    await expect(conversationsNav(page)).toBeHidden()
    expect((await composer.boundingBox())?.width).toBeGreaterThanOrEqual(300)
    expect(await hasNoHorizontalScroll(page)).toBe(true)

    await page.getByRole('button', { name: 'Toggle sidebar' }).click()
    await expect(conversationsNav(page)).toBeVisible()
    expect(await hasNoHorizontalScroll(page)).toBe(true)
    await page.keyboard.press('Escape')
    await expect(conversationsNav(page)).toBeHidden()

    // Starting a chat from the overlay puts the overlay away.
    await page.getByRole('button', { name: 'Toggle sidebar' }).click()
    await page.getByRole('button', { name: 'New chat' }).click()
    await expect(conversationsNav(page)).toBeHidden()
    await expect(composer).toBeFocused()
    expect(desk.consoleErrors).toEqual([])
  })
})

test('in a wide window the list can be put away, and stays away after a reload until shown again', async ({ desk }) => {
  await expect(conversationsNav(desk.page)).toBeVisible()
  await desk.page.getByRole('button', { name: 'Toggle sidebar' }).click()
  await expect(conversationsNav(desk.page)).toBeHidden()

  await desk.page.reload()
  await expect(desk.page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  await expect(conversationsNav(desk.page)).toBeHidden()
  await desk.page.keyboard.press('Control+Shift+S')
  await expect(conversationsNav(desk.page)).toBeVisible()
  expect(desk.consoleErrors).toEqual([])
})
