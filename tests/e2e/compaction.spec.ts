import type { Page } from '@playwright/test'
import { defaultModelCatalog } from '../../src/fake-codex/models-catalog'
import { expect, test } from './support/fixtures'
import { signInThroughSettings } from './support/sign-in'

test.skip(
  ({ shell }) => shell === 'electron',
  'chat needs a signed-in user, and signInThroughSettings follows the sign-in tab the web page opens; the desktop app opens the system browser instead',
)

// The fake counts 4 characters as a token: with a 4 000-token window, four exchanges of 2 000-character messages
// (the fake echoes them) no longer fit, and the fourth request is compacted before it leaves.
const WINDOW = 4_000

function long(label: string): string {
  return `${label} ${'lorem ipsum '.repeat(200)}`.slice(0, 2_000)
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(text)
  await composer.press('Enter')
  const answers = page.locator('[data-testid="message"][data-role="assistant"]')
  await expect(answers.last()).toHaveAttribute('data-state', 'done')
}

test.afterEach(async ({ desk }) => {
  expect(desk.consoleErrors).toEqual([])
})

test('a long conversation goes on: older messages are summarised, with a note and a context meter', async ({
  desk,
}) => {
  desk.fake.responses.setModels(defaultModelCatalog().map((model) => ({ ...model, context_window: WINDOW })))
  await signInThroughSettings(desk.page)
  // Started signed in, the app lists the backend's models (with their small windows).
  await desk.restart()
  const { page } = desk
  await page.getByRole('button', { name: 'New chat' }).click()
  const picker = page.getByRole('combobox', { name: 'Model' })
  await picker.selectOption({ label: 'GPT-5.4' })
  await expect(picker).toHaveValue('gpt-5.4')

  await send(page, long('one'))
  const meter = page.getByRole('meter', { name: 'Context used' })
  await expect(meter).toHaveAttribute('data-testid', 'context-meter')
  const early = Number(await meter.getAttribute('aria-valuenow'))
  expect(early).toBeGreaterThan(0)
  await expect(page.getByTestId('compaction-note')).toHaveCount(0)

  for (const label of ['two', 'three', 'four']) await send(page, long(label))

  const note = page.getByTestId('compaction-note')
  await expect(note).toHaveCount(1)
  await expect(note).toContainText('Older messages were summarised to fit the model')
  // The note follows the last summarised message: the third answer.
  const before = note.locator('xpath=preceding-sibling::*[@data-testid="message"][1]')
  await expect(before).toHaveAttribute('data-role', 'assistant')
  await expect(before).toContainText('three lorem')
  // Every message stays on screen (the list is virtualised, so only the last question is checked here).
  await expect(page.locator('[data-testid="message"][data-role="user"]').last()).toContainText('four lorem')
  const now = Number(await meter.getAttribute('aria-valuenow'))
  expect(now).toBeGreaterThan(early)
  expect(now).toBeLessThan(90)

  await desk.restart()
  await desk.page.getByTestId('conversation-item').first().click()
  await expect(desk.page.locator('[data-testid="message"][data-role="user"]').last()).toContainText('four lorem')
  await expect(desk.page.getByTestId('compaction-note')).toHaveCount(1)
  await expect(desk.page.getByTestId('context-meter')).toHaveAttribute('aria-valuenow', String(now))
})
