import type { Page } from '@playwright/test'
import type { Theme } from '../../src/shared/domain'
import { cuttableConnection } from './support/connection'
import { type Desk, expect, test } from './support/fixtures'
import { conversation, message } from './support/seed-data'

// Issue 12: every screen a person moves through, at 1280 × 800 and 420 × 760, light and dark, compared with images a
// person reviewed (tests/e2e/screenshots.spec.ts-snapshots). A layout that moves fails here. After a deliberate change:
// `npx playwright test screenshots --update-snapshots`, then look at every image before committing it.

test.skip(({ shell }) => shell === 'electron', 'the reviewed images are of the web harness in Debian Chromium')

/** A fixed moment, so the list's date sections and every time shown are the same on every run. */
const NOW = Date.UTC(2026, 10, 20, 10, 0, 0)
const HOUR = 60 * 60 * 1000

const ANSWER = [
  'Shade-loving plants do well under trees. A few to start with:',
  '',
  '| plant | height | flowers |',
  '| --- | --- | --- |',
  '| Hosta | 30–90 cm | summer |',
  '| Fern | 30–120 cm | none |',
  '| Wild garlic | 20–50 cm | spring |',
  '',
  'Water them in the first summer. To plan the rows, a quick script:',
  '',
  '```python',
  'rows = ["hosta", "fern", "wild garlic"]',
  'for number, plant in enumerate(rows, start=1):',
  '    print(f"row {number}: {plant}")',
  '```',
].join('\n')

const SEEDED = [
  conversation('garden', 'Garden plans', NOW - HOUR, [
    message('g1', 'user', 'What should I plant in the shade under our oak tree?', NOW - HOUR - 2000),
    message('g2', 'assistant', ANSWER, NOW - HOUR - 1000, { model: 'gpt-5.5' }),
  ]),
  conversation('pinned', 'Reading list', NOW - 3 * 24 * HOUR, [], { pinned: true }),
  conversation('bike', 'Bike repair', NOW - 26 * HOUR),
  conversation('taxes', 'Tax questions', NOW - 12 * 24 * HOUR),
  conversation('recipes', 'Old recipes', NOW - 70 * 24 * HOUR),
]

async function open(desk: Desk): Promise<Page> {
  const { page } = desk
  await page.clock.setFixedTime(NOW)
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused()
  // Below 720 px the list is put away until asked for; in a wide window it is there at once.
  if ((page.viewportSize()?.width ?? 1280) >= 720)
    await expect(page.getByTestId('conversation-item')).toHaveCount(SEEDED.length)
  return page
}

async function openGarden(page: Page): Promise<void> {
  const narrow = (page.viewportSize()?.width ?? 1280) < 720
  if (narrow) await page.getByRole('button', { name: 'Toggle sidebar' }).first().click()
  await page.getByRole('link', { name: 'Garden plans' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Garden plans' })).toBeVisible()
  await expect(page.locator('.code-block, pre').first()).toBeVisible()
}

async function looksAsReviewed(page: Page, name: string): Promise<void> {
  await expect(page).toHaveScreenshot(`${name}.png`, {
    animations: 'disabled',
    caret: 'hide',
    // The data folder is a fresh temp folder each run.
    mask: [page.locator('.data-path')],
    maxDiffPixelRatio: 0.005,
  })
}

/** Signs in from the keyboard (the Settings button is inside the put-away list in a narrow window). */
async function signIn(page: Page): Promise<void> {
  await page.keyboard.press('Control+Comma')
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const signInTab = page.context().waitForEvent('page')
  await settings.getByRole('button', { name: 'Sign in with ChatGPT' }).click()
  const tab = await signInTab
  await expect(settings.getByTestId('account-email')).toHaveText('demo@example.com')
  await tab.close()
  await page.keyboard.press('Escape')
  await expect(settings).toBeHidden()
}

const SIZES = [
  { label: 'wide', viewport: { width: 1280, height: 800 } },
  { label: 'narrow', viewport: { width: 420, height: 760 } },
]
const THEMES: Theme[] = ['light', 'dark']

for (const { label, viewport } of SIZES) {
  for (const theme of THEMES) {
    test.describe(`${label}, ${theme}`, () => {
      test.use({ viewport, seed: { conversations: SEEDED, settings: { theme } } })
      const name = (state: string) => `${state}-${label}-${theme}`

      test('the start screen, a conversation, and finding in it', async ({ desk }) => {
        const page = await open(desk)
        await looksAsReviewed(page, name('start'))
        await openGarden(page)
        await looksAsReviewed(page, name('conversation'))
        await page.keyboard.press('Control+f')
        await page.keyboard.type('shade')
        await expect(page.getByText('1 of 2')).toBeVisible()
        await looksAsReviewed(page, name('find'))
      })

      test('search, the command palette, Settings and a confirmation', async ({ desk }) => {
        const page = await open(desk)
        if (label === 'narrow') {
          await page.getByRole('button', { name: 'Toggle sidebar' }).first().click()
          await looksAsReviewed(page, name('sidebar'))
        }
        await page.getByRole('searchbox', { name: 'Search conversations' }).fill('shade')
        await expect(page.locator('mark').first()).toBeVisible()
        await looksAsReviewed(page, name('search'))
        await page.getByRole('searchbox', { name: 'Search conversations' }).fill('')
        if (label === 'narrow') await page.keyboard.press('Escape')

        await page.keyboard.press('Control+k')
        await page.keyboard.type('bike')
        await looksAsReviewed(page, name('palette'))
        await page.keyboard.press('Escape')

        await page.keyboard.press('Control+Comma')
        await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
        await looksAsReviewed(page, name('settings'))
        await page.keyboard.press('Escape')

        if (label === 'narrow') await page.getByRole('button', { name: 'Toggle sidebar' }).first().click()
        const entry = page.getByTestId('conversation-item').filter({ hasText: 'Bike repair' })
        await entry.getByRole('link').focus()
        await page.keyboard.press('Tab')
        await page.keyboard.press('Tab')
        await page.keyboard.press('Tab')
        await page.keyboard.press('Enter')
        await expect(page.getByRole('dialog', { name: /Delete/ })).toBeVisible()
        await looksAsReviewed(page, name('confirm-delete'))
      })

      test('signed in: the usage meter near its limit, a usage limit with its reset time, and Reconnecting', async ({
        desk,
      }) => {
        const connection = await cuttableConnection(desk.page)
        const page = await open(desk)
        await signIn(page)
        await openGarden(page)
        const resetAt = Math.floor(NOW / 1000) + 3 * 3600
        desk.fake.responses.enqueue(
          {
            kind: 'text',
            text: 'Ferns, mostly.',
            rateLimits: { primary: { usedPercent: 96, windowMinutes: 300, resetAt } },
          },
          { kind: 'usage-limit', resetsAt: resetAt, planType: 'plus' },
        )
        const composer = page.getByRole('textbox', { name: 'Message' })
        await composer.fill('And for the north side?')
        await composer.press('Enter')
        await expect(page.getByText('Ferns, mostly.')).toBeVisible()
        // The answer is over (Send is back) before the next question.
        await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()
        await composer.fill('One more question')
        await composer.press('Enter')
        await expect(page.getByTestId('message').last().getByRole('alert')).toContainText('usage limit')
        await looksAsReviewed(page, name('usage-limit'))

        await composer.fill('Written while the line was down')
        await connection.cut()
        await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible()
        await looksAsReviewed(page, name('reconnecting'))
      })
    })
  }
}
