import type { Page } from '@playwright/test'
import { type Desk, expect, test } from './support/fixtures'
import { conversation, message } from './support/seed-data'
import { signInThroughSettings } from './support/sign-in'

// Issue 12: find in the open conversation, the sidebar's date sections, and a New chat saved only once it is used.

test.skip(
  ({ shell }) => shell === 'electron',
  'sending needs a signed-in user, and signInThroughSettings follows the sign-in tab the web page opens',
)

/** The page's clock is fixed to this moment, so the sections cannot move while the test runs (say, at midnight). */
const NOW = Date.now()
/** Local midnight `days` days from NOW's day, as the app counts days. */
function midnight(days: number): number {
  const date = new Date(NOW)
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days).getTime()
}
const HOUR = 60 * 60 * 1000
const LONG_AGO = midnight(-60) + 12 * HOUR

/** 80 messages, far taller than the window, with "compass" in the first, the 41st and the last but one. */
const longMessages = Array.from({ length: 80 }, (_, index) => {
  const role = index % 2 === 0 ? 'user' : 'assistant'
  const filler = `Message ${index}: ${'the trail goes on through the trees. '.repeat(6)}`
  const text = [0, 40, 78].includes(index) ? `${filler}Bring a compass.` : filler
  return message(`long-${index}`, role, text, NOW - 200_000 + index)
})

const SEEDED = [
  conversation('hike', 'Hiking plans', NOW, longMessages),
  conversation('yesterday', 'Yesterday’s notes', midnight(0) - HOUR),
  conversation('week', 'Bike repair', midnight(-3) + HOUR),
  conversation('month', 'Tax questions', midnight(-12) + HOUR),
  conversation('older', 'Old recipes', LONG_AGO),
]

test.use({ seed: { conversations: SEEDED } })

test.afterEach(async ({ desk }) => {
  expect(desk.consoleErrors).toEqual([])
})

function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'Conversations' })
}

async function startAtNow(desk: Desk): Promise<Page> {
  await desk.page.clock.setFixedTime(NOW)
  await desk.page.reload()
  await expect(sidebar(desk.page).getByTestId('conversation-item')).toHaveCount(SEEDED.length)
  return desk.page
}

test('the sidebar shows Today, Yesterday, Previous 7 days, Previous 30 days and the month, in that order', async ({
  desk,
}) => {
  const page = await startAtNow(desk)
  const month = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' }).format(LONG_AGO)
  const rows = sidebar(page).locator('[data-testid="conversation-group"], [data-testid="conversation-item"]')
  await expect(rows).toHaveText([
    'Today',
    'Hiking plans',
    'Yesterday',
    'Yesterday’s notes',
    'Previous 7 days',
    'Bike repair',
    'Previous 30 days',
    'Tax questions',
    month,
    'Old recipes',
  ])
})

test('find counts the hits of the whole conversation, scrolls to each, and Esc goes back to the composer', async ({
  desk,
}) => {
  const page = await startAtNow(desk)
  await sidebar(page).getByRole('link', { name: 'Hiking plans' }).click()
  await expect(page.getByTestId('message').last()).toContainText('Message 79')
  // The list is virtualised: the first message is not even in the page yet.
  await expect(page.getByText('Message 0:')).toHaveCount(0)

  await page.keyboard.press('Control+f')
  const field = page.getByRole('searchbox', { name: 'Find in conversation' })
  await expect(field).toBeFocused()
  await field.pressSequentially('compass')

  const current = page.locator('mark[data-find-current]')
  const messageOfCurrent = page.locator('[data-testid="message"]', { has: current })
  await expect(page.getByText('1 of 3')).toBeVisible()
  await expect(current).toBeInViewport()
  await expect(messageOfCurrent).toContainText('Message 0:')

  await field.press('Enter')
  await expect(page.getByText('2 of 3')).toBeVisible()
  await expect(current).toBeInViewport()
  await expect(messageOfCurrent).toContainText('Message 40:')

  await field.press('Shift+Enter')
  await field.press('Shift+Enter')
  await expect(page.getByText('3 of 3')).toBeVisible()
  await expect(current).toBeInViewport()
  await expect(messageOfCurrent).toContainText('Message 78:')

  await page.getByRole('button', { name: 'Previous match' }).click()
  await expect(page.getByText('2 of 3')).toBeVisible()
  await expect(current).toBeInViewport()

  await field.press('Escape')
  await expect(field).toBeHidden()
  await expect(page.locator('mark.find-hit')).toHaveCount(0)
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused()
})

test('New chat keeps its text while another conversation is open and is saved, with its model, by its first message', async ({
  desk,
}) => {
  const page = await startAtNow(desk)
  await signInThroughSettings(page)
  const items = sidebar(page).getByTestId('conversation-item')
  const composer = page.getByRole('textbox', { name: 'Message' })

  await page.getByRole('button', { name: 'New chat' }).click()
  await page.getByRole('button', { name: 'New chat' }).click()
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'GPT-5.4' })
  await composer.fill('Which trail is the shortest?')
  await expect(items).toHaveCount(SEEDED.length)

  await sidebar(page).getByRole('link', { name: 'Bike repair' }).click()
  await expect(page.getByRole('heading', { name: 'Bike repair' })).toBeVisible()
  await expect(composer).toHaveValue('')
  await page.getByRole('button', { name: 'New chat' }).click()
  await expect(composer).toHaveValue('Which trail is the shortest?')
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.4')
  await expect(items).toHaveCount(SEEDED.length)

  await composer.press('Enter')
  const answer = page.locator('[data-testid="message"][data-role="assistant"]').last()
  await expect(answer).toHaveAttribute('data-state', 'done')
  await expect(items).toHaveCount(SEEDED.length + 1)
  // Titled by the fake model after the answer: the first words of the question, capitalised.
  await expect(sidebar(page).locator('[data-testid="conversation-item"][aria-current="page"]')).toHaveText(
    'Which Trail Is The Shortest',
  )
  expect(desk.fake.responses.requests.map((request) => (request.body as { model?: string }).model)).toEqual(['gpt-5.4'])
})
