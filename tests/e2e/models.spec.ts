import type { Page } from '@playwright/test'
import { defaultModelCatalog } from '../../src/fake-codex/models-catalog'
import type { ChatMessage, Conversation } from '../../src/shared/domain'
import { type Desk, expect, test } from './support/fixtures'
import { signInThroughSettings } from './support/sign-in'

// Issue 8, item 1: new chats use the models the backend serves, and a conversation on a retired model moves on.

test.skip(
  ({ shell }) => shell === 'electron',
  'signInThroughSettings follows the sign-in tab the web page opens; the desktop app opens the system browser instead',
)

/** The backend's list in an order of its own, so "first listed" cannot be mistaken for the built-in default. */
function reorderedCatalog() {
  const catalog = defaultModelCatalog()
  const first = catalog.find((model) => model.slug === 'gpt-5.5')
  if (!first) throw new Error('gpt-5.5 is not in the fake catalog')
  return [{ ...first, priority: 0 }, ...catalog.filter((model) => model !== first)]
}

function lastAssistant(page: Page) {
  return page.locator('[data-testid="message"][data-role="assistant"]').last()
}

async function sendAndAwaitAnswer(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(text)
  await composer.press('Enter')
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  await expect(lastAssistant(page)).toContainText(text)
}

function requestedModels(desk: Desk): string[] {
  return desk.fake.responses.requests.map((request) => String((request.body as { model?: unknown }).model))
}

test.afterEach(async ({ desk }) => {
  expect(desk.consoleErrors).toEqual([])
})

test('after signing in, the first message is answered by the first model the backend lists, also after a restart', async ({
  desk,
}) => {
  desk.fake.responses.setModels(reorderedCatalog())
  const { page } = desk
  // Signed out, the start screen offers the built-in models.
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.6-sol')

  await signInThroughSettings(page)
  // The account's list replaces the built-in one without a reload.
  const picker = page.getByRole('combobox', { name: 'Model' })
  await expect(picker).toHaveValue('gpt-5.5')
  await expect(page.getByRole('combobox', { name: 'Reasoning effort' })).toHaveValue('medium')

  await sendAndAwaitAnswer(page, 'Hello there')
  expect(requestedModels(desk)).toEqual(['gpt-5.5'])
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.5')

  await desk.restart()
  const restarted = desk.page
  await expect(restarted.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.5')
  await restarted.getByTestId('conversation-item').first().click()
  await expect(restarted.getByTestId('message')).toHaveCount(2)
  await sendAndAwaitAnswer(restarted, 'Still there?')

  await restarted.getByRole('button', { name: 'New chat' }).click()
  await expect(restarted.getByTestId('message')).toHaveCount(0)
  await sendAndAwaitAnswer(restarted, 'A new chat')
  expect(requestedModels(desk)).toEqual(['gpt-5.5', 'gpt-5.5', 'gpt-5.5'])
  await expect(restarted.getByTestId('conversation-item')).toHaveCount(2)
})

test('the start screen lets a person choose the model and effort before the first message', async ({ desk }) => {
  const { page } = desk
  await signInThroughSettings(page)
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.6-sol')
  // Efforts the app does not know are offered under their own names.
  await expect(page.getByRole('combobox', { name: 'Reasoning effort' }).locator('option')).toHaveText([
    'Low',
    'Medium',
    'High',
    'Extra high',
    'Max',
    'Ultra',
  ])

  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'GPT-5.4 mini' })
  await page.getByRole('combobox', { name: 'Reasoning effort' }).selectOption({ label: 'High' })
  await sendAndAwaitAnswer(page, 'Pick me')

  const body = desk.fake.responses.requests.at(-1)?.body as { model?: string; reasoning?: { effort?: string } }
  expect(body.model).toBe('gpt-5.4-mini')
  expect(body.reasoning?.effort).toBe('high')
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.4-mini')
})

const OLD_TIME = Date.UTC(2025, 5, 1, 12)

function oldMessage(id: string, role: ChatMessage['role'], text: string, offset: number): ChatMessage {
  return { id, role, createdAt: OLD_TIME + offset, parts: [{ kind: 'text', text }], state: 'done', model: 'gpt-4.1' }
}

const OLD_CONVERSATION: Conversation = {
  id: 'old-gpt41',
  title: 'Trip planning',
  createdAt: OLD_TIME,
  updatedAt: OLD_TIME + 2_000,
  pinned: false,
  model: 'gpt-4.1',
  effort: null,
  messageCount: 2,
  preview: 'Lisbon in May.',
  workspace: null,
  compactions: [],
  messages: [
    oldMessage('old-1', 'user', 'Where should I go?', 1_000),
    oldMessage('old-2', 'assistant', 'Lisbon in May.', 2_000),
  ],
}

test.describe('a data folder from before the models were retired', () => {
  test.use({ seed: { conversations: [OLD_CONVERSATION], settings: { lastModel: 'gpt-4.1', lastEffort: null } } })

  test('the new chat and the old conversation both answer, and the old one says its model moved', async ({ desk }) => {
    const { page } = desk
    await signInThroughSettings(page)
    const picker = page.getByRole('combobox', { name: 'Model' })
    await expect(picker).toHaveValue('gpt-5.6-sol')
    await expect(picker.locator('option:checked')).toHaveText('GPT-5.6 Sol')

    await sendAndAwaitAnswer(page, 'A fresh question')
    expect(requestedModels(desk)).toEqual(['gpt-5.6-sol'])

    await page.getByTestId('conversation-item').filter({ hasText: 'Trip planning' }).click()
    await expect(page.getByTestId('message')).toHaveCount(2)
    await expect(page.getByRole('combobox', { name: 'Model' }).locator('option:checked')).toHaveText(
      'GPT-4.1 (no longer available)',
    )
    await sendAndAwaitAnswer(page, 'And in June?')

    const note = page.getByTestId('model-note')
    await expect(note).toHaveText('GPT-4.1 is no longer available — this conversation now uses GPT-5.6 Sol.')
    await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.6-sol')
    expect(requestedModels(desk)).toEqual(['gpt-5.6-sol', 'gpt-5.6-sol'])

    // The note is part of the conversation: still there, in its place, after a restart.
    await desk.restart()
    await desk.page.getByTestId('conversation-item').filter({ hasText: 'Trip planning' }).click()
    await expect(desk.page.getByTestId('message')).toHaveCount(4)
    const rows = desk.page.locator('[data-testid="message"], [data-testid="model-note"]')
    await expect(rows).toHaveCount(5)
    await expect(rows.nth(2)).toHaveAttribute('data-testid', 'model-note')
  })
})
