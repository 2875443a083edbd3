import type { Locator, Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { conversation, message } from './support/seed-data'

// Issue 12: a whole session from the keyboard alone, with not one mouse or pointer event on the page.

test.skip(({ shell }) => shell === 'electron', 'the sign-in tab the page opens is followed as a browser tab')

const NOW = Date.now()

test.use({
  seed: {
    conversations: [
      conversation('garden', 'Garden plans', NOW - 60_000, [
        message('g1', 'user', 'What should I plant in the shade?', NOW - 62_000),
        message('g2', 'assistant', 'Ferns and hostas like the shade; so does wild garlic.', NOW - 61_000),
      ]),
      conversation('taxes', 'Tax questions', NOW - 120_000, [
        message('t1', 'user', 'When is the deadline?', NOW - 121_000),
      ]),
    ],
  },
})

/** Counts every mouse and pointer event the page sees from now on (a script string: this file has no DOM types). */
async function countPointerEvents(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(`
    window.pointerEventCount = 0
    for (const type of ['pointerdown', 'pointerup', 'pointermove', 'mousedown', 'mouseup', 'mousemove', 'wheel']) {
      window.addEventListener(type, () => window.pointerEventCount++, { capture: true })
    }
  `)
  return async () => Number(await page.evaluate('window.pointerEventCount'))
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, { backwards = false, limit = 40 } = {}): Promise<void> {
  for (let press = 0; press < limit; press++) {
    if (await target.evaluate((element) => element.matches(':focus')).catch(() => false)) return
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
  }
  await expect(target).toBeFocused()
}

test('a whole session from the keyboard: sign in, chat, stop, search, find and delete', async ({ desk }) => {
  const { page } = desk
  const pointerEvents = await countPointerEvents(page)
  const composer = page.getByRole('textbox', { name: 'Message' })
  await expect(composer).toBeFocused()

  // Sign in from Settings, then close it with Esc.
  await page.keyboard.press('Control+Comma')
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await expect(settings).toBeVisible()
  await tabTo(page, settings.getByRole('button', { name: 'Sign in with ChatGPT' }))
  const signInTab = page.context().waitForEvent('page')
  await page.keyboard.press('Enter')
  const tab = await signInTab
  await tab.waitForLoadState()
  await expect(settings.getByTestId('account-email')).toHaveText('demo@example.com')
  await tab.close()
  await page.bringToFront()
  await page.keyboard.press('Escape')
  await expect(settings).toBeHidden()

  // A new chat, a question, its answer.
  await page.keyboard.press('Control+N')
  await expect(composer).toBeFocused()
  await page.keyboard.type('Say hello')
  await page.keyboard.press('Enter')
  const assistant = page.locator('[data-testid="message"][data-role="assistant"]')
  await expect(assistant.last()).toHaveAttribute('data-state', 'done')

  // A long answer, stopped with Esc.
  desk.fake.responses.enqueue({
    kind: 'text',
    text: Array.from({ length: 200 }, (_, index) => `word${index}`).join(' '),
    holdAfterDeltas: 5,
  })
  await expect(composer).toBeFocused()
  await page.keyboard.type('Write a long answer')
  await page.keyboard.press('Enter')
  await expect(assistant.last()).toContainText('word2')
  await page.keyboard.press('Escape')
  await expect(assistant.last()).toContainText('Stopped')
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()

  // Ctrl+K finds a conversation by its title and opens it.
  await page.keyboard.press('Control+K')
  await page.keyboard.type('garden')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Garden plans' })).toBeVisible()

  // Ctrl+F finds a word in it; Esc goes back to the composer.
  await page.keyboard.press('Control+F')
  await page.keyboard.type('shade')
  await expect(page.getByText('1 of 2')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByText('2 of 2')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(composer).toBeFocused()

  // Delete "Tax questions": its row, its Delete button, then the confirmation.
  const list = page.getByTestId('conversation-item')
  await expect(list).toHaveCount(3)
  const taxes = list.filter({ hasText: 'Tax questions' })
  await tabTo(page, list.filter({ hasText: 'Garden plans' }).getByRole('link'), { backwards: true })
  await page.keyboard.press('ArrowDown')
  await expect(taxes.getByRole('link')).toBeFocused()
  await tabTo(page, taxes.getByRole('button', { name: 'Delete' }))
  await page.keyboard.press('Enter')
  const confirm = page.getByRole('dialog', { name: /Delete/ })
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await tabTo(page, confirm.getByRole('button', { name: 'Delete' }))
  await page.keyboard.press('Enter')
  await expect(list).toHaveCount(2)
  await expect(list.filter({ hasText: 'Tax questions' })).toHaveCount(0)

  expect(await pointerEvents()).toBe(0)
  expect(desk.consoleErrors).toEqual([])
})
