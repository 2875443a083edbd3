import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { exportContent } from '../../src/main/storage/conversation-transfer'
import type { ChatMessage, Conversation } from '../../src/shared/domain'
import { expect, test } from './support/fixtures'
import { signInThroughSettings } from './support/sign-in'

// Issue 3: conversations are created, renamed, pinned, deleted, searched, kept across restarts, exported and imported.

const DAY = 24 * 60 * 60 * 1000
const BASE_TIME = Date.UTC(2025, 0, 15, 12)

function message(id: string, role: ChatMessage['role'], text: string, createdAt: number): ChatMessage {
  return { id, role, createdAt, parts: [{ kind: 'text', text }], state: 'done' }
}

/** A finished conversation of alternating user/assistant messages; `daysAgo` orders the sidebar (newest first). */
function conversation(id: string, title: string, texts: string[], daysAgo: number): Conversation {
  const updatedAt = BASE_TIME - daysAgo * DAY
  const messages = texts.map((text, index) =>
    message(`${id}-m${index}`, index % 2 === 0 ? 'user' : 'assistant', text, updatedAt - (texts.length - index) * 1000),
  )
  return {
    id,
    title,
    createdAt: updatedAt - DAY,
    updatedAt,
    pinned: false,
    model: 'gpt-5',
    effort: null,
    messageCount: messages.length,
    preview: texts.at(-1) ?? '',
    workspace: null,
    messages,
    compactions: [],
  }
}

/** Newest first: Alpha, Bravo, Charlie. */
const THREE = [
  conversation('conv-alpha', 'Alpha plans', ['What should we plan for spring?', 'A garden, and a trip.'], 1),
  conversation('conv-bravo', 'Bravo recipes', ['How do I bake bread?', 'Knead the dough, then wait for it.'], 2),
  conversation('conv-charlie', 'Charlie notes', ['Remind me about the dentist', 'Noted: the dentist on Friday.'], 3),
]

function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'Conversations' })
}

function items(page: Page) {
  return sidebar(page).getByTestId('conversation-item')
}

function item(page: Page, title: string) {
  return items(page).filter({ hasText: title })
}

async function expectTitles(page: Page, titles: string[]): Promise<void> {
  await expect(items(page)).toHaveText(titles)
}

async function openConversation(page: Page, title: string): Promise<void> {
  await item(page, title).getByRole('link', { name: title }).click()
  await expect(item(page, title)).toHaveAttribute('aria-current', 'page')
}

async function rename(page: Page, from: string, to: string): Promise<void> {
  const entry = item(page, from)
  await entry.hover()
  await entry.getByRole('button', { name: 'Rename' }).click()
  const field = sidebar(page).getByRole('textbox', { name: 'Conversation title' })
  await field.fill(to)
  await field.press('Enter')
}

async function pin(page: Page, title: string): Promise<void> {
  const entry = item(page, title)
  await entry.hover()
  await entry.getByRole('button', { name: 'Pin', exact: true }).click()
}

async function deleteConfirmed(page: Page, title: string): Promise<void> {
  const entry = item(page, title)
  await entry.hover()
  await entry.getByRole('button', { name: 'Delete' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
}

function messages(page: Page) {
  return page.getByTestId('message')
}

/** "New chat", then waits until the new, empty chat is open (it joins the list with its first message). */
async function startNewChat(page: Page): Promise<void> {
  const count = await items(page).count()
  await page.getByRole('button', { name: 'New chat' }).click()
  await expect(page.locator('[data-testid="conversation-item"][aria-current="page"]')).toHaveCount(0)
  await expect(messages(page)).toHaveCount(0)
  await expect(items(page)).toHaveCount(count)
}

/** Sends from the composer and waits for the fake backend's echo (a Markdown quote of the message) to finish. */
async function chat(page: Page, text: string): Promise<void> {
  const before = await messages(page).count()
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(messages(page)).toHaveCount(before + 2)
  const reply = messages(page).last()
  await expect(reply).toHaveAttribute('data-role', 'assistant')
  await expect(reply).toHaveAttribute('data-state', 'done')
  await expect(reply).toContainText(text)
}

test('three chats started from "New chat" show up as three conversations, newest first, titled by the model after their first answer', async ({
  desk,
}) => {
  const { page } = desk
  await signInThroughSettings(page)
  for (const text of ['Plan a spring garden', 'Bake sourdough bread', 'Learn the cello']) {
    await startNewChat(page)
    await chat(page, text)
  }
  // The fake model titles a conversation with the first words of its question, capitalised.
  await expectTitles(page, ['Learn The Cello', 'Bake Sourdough Bread', 'Plan A Spring Garden'])
  await expect(items(page).first()).toHaveAttribute('aria-current', 'page')
  await expect(messages(page)).toHaveCount(2)
  await expect(messages(page).last()).toContainText('Learn the cello')
  expect(desk.consoleErrors).toEqual([])
})

test('after a restart the list is as it was: new titles, pin order, deleted conversation gone, messages kept', async ({
  desk,
}) => {
  const { page } = desk
  await signInThroughSettings(page)
  for (const text of ['Plan a spring garden', 'Bake sourdough bread', 'Learn the cello']) {
    await startNewChat(page)
    await chat(page, text)
  }
  await expectTitles(page, ['Learn The Cello', 'Bake Sourdough Bread', 'Plan A Spring Garden'])
  await rename(page, 'Bake Sourdough Bread', 'Bread')
  await pin(page, 'Plan A Spring Garden')
  await deleteConfirmed(page, 'Learn The Cello')
  const expected = ['Plan A Spring Garden', 'Bread']
  await expectTitles(page, expected)

  await desk.restart()

  await expectTitles(desk.page, expected)
  const pinned = item(desk.page, 'Plan A Spring Garden')
  await pinned.hover()
  await expect(pinned.getByRole('button', { name: 'Unpin' })).toBeVisible()
  await openConversation(desk.page, 'Bread')
  await expect(messages(desk.page)).toHaveCount(2)
  await expect(messages(desk.page).first()).toHaveAttribute('data-role', 'user')
  await expect(messages(desk.page).first()).toContainText('Bake sourdough bread')
  await expect(messages(desk.page).last()).toHaveAttribute('data-state', 'done')
  await expect(messages(desk.page).last()).toContainText('Bake sourdough bread')
  await desk.page.getByRole('searchbox', { name: 'Search conversations' }).fill('cello')
  await expect(desk.page.getByText('No matches.')).toBeVisible()
  expect(desk.consoleErrors).toEqual([])
})

test.describe('with three saved conversations', () => {
  test.use({ seed: { conversations: THREE } })

  test('Rename changes the title in the list and in the chat header', async ({ desk }) => {
    const { page } = desk
    await openConversation(page, 'Bravo recipes')
    await rename(page, 'Bravo recipes', 'Bread baking')
    await expectTitles(page, ['Alpha plans', 'Bread baking', 'Charlie notes'])
    await expect(page.getByRole('heading', { level: 1, name: 'Bread baking' })).toBeVisible()
    expect(desk.consoleErrors).toEqual([])
  })

  test('Escape while renaming keeps the old title', async ({ desk }) => {
    const { page } = desk
    const entry = item(page, 'Alpha plans')
    await entry.hover()
    await entry.getByRole('button', { name: 'Rename' }).click()
    const field = sidebar(page).getByRole('textbox', { name: 'Conversation title' })
    await field.fill('Something else')
    await field.press('Escape')
    await expect(field).toBeHidden()
    await expectTitles(page, ['Alpha plans', 'Bravo recipes', 'Charlie notes'])
  })

  test('Pin moves a conversation to the top of the list, Unpin puts it back', async ({ desk }) => {
    const { page } = desk
    await pin(page, 'Charlie notes')
    await expectTitles(page, ['Charlie notes', 'Alpha plans', 'Bravo recipes'])
    const pinned = item(page, 'Charlie notes')
    await pinned.hover()
    await pinned.getByRole('button', { name: 'Unpin' }).click()
    await expectTitles(page, ['Alpha plans', 'Bravo recipes', 'Charlie notes'])
    expect(desk.consoleErrors).toEqual([])
  })

  test('Delete asks to confirm: Cancel keeps the conversation, Delete removes it', async ({ desk }) => {
    const { page } = desk
    await openConversation(page, 'Bravo recipes')
    const entry = item(page, 'Bravo recipes')
    await entry.hover()
    await entry.getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('Bravo recipes')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()
    await expectTitles(page, ['Alpha plans', 'Bravo recipes', 'Charlie notes'])

    await deleteConfirmed(page, 'Bravo recipes')
    await expect(dialog).toBeHidden()
    await expectTitles(page, ['Alpha plans', 'Charlie notes'])
    // The deleted conversation was open: its messages are gone from the chat pane too.
    await expect(messages(page)).toHaveCount(0)
    await expect(page.getByText('Knead the dough')).toHaveCount(0)
    expect(desk.consoleErrors).toEqual([])
  })

  test('from the keyboard: Ctrl+K finds a conversation by its title and opens it, Ctrl+, opens Settings, Esc closes', async ({
    desk,
  }) => {
    const { page } = desk
    await expect(items(page)).toHaveCount(3)
    await page.keyboard.press('Control+K')
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await expect(palette.getByRole('combobox')).toBeFocused()
    await page.keyboard.type('bravo')
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect(item(page, 'Bravo recipes')).toHaveAttribute('aria-current', 'page')
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused()

    await page.keyboard.press('Control+Comma')
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeHidden()
    expect(desk.consoleErrors).toEqual([])
  })

  test('search finds a conversation by a word that is only in one of its messages, and opens it', async ({ desk }) => {
    const { page } = desk
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('dough')
    const results = page.getByRole('list', { name: 'Search results' })
    await expect(results.getByRole('listitem')).toHaveCount(1)
    await expect(results).toContainText('Bravo recipes')
    await results.getByRole('button', { name: /Bravo recipes/ }).click()
    await expect(item(page, 'Bravo recipes')).toHaveAttribute('aria-current', 'page')
    await expect(messages(page).last()).toContainText('Knead the dough, then wait for it.')

    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('xylophone')
    await expect(page.getByText('No matches.')).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('')
    await expect(results).toBeHidden()
    await expect(page.getByText('No matches.')).toBeHidden()
    expect(desk.consoleErrors).toEqual([])
  })

  test('after a restart, search finds a conversation by the beginnings of words in one of its messages', async ({
    desk,
  }) => {
    await desk.restart()

    const { page } = desk
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('knead dou')
    const results = page.getByRole('list', { name: 'Search results' })
    await expect(results.getByRole('listitem')).toHaveCount(1)
    await expect(results).toContainText('Knead the dough, then wait for it.')
    expect(desk.consoleErrors).toEqual([])
  })

  test('Export Markdown downloads the conversation as Markdown', async ({ desk, shell }) => {
    test.skip(shell === 'electron', 'the desktop app saves through a native save dialog; the web shell downloads')
    const { page } = desk
    await openConversation(page, 'Bravo recipes')
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export Markdown' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('Bravo recipes.md')
    const markdown = await readFile(await file.path(), 'utf8')
    expect(markdown).toBe(
      [
        '# Bravo recipes',
        '',
        '## You',
        '',
        'How do I bake bread?',
        '',
        '## Assistant',
        '',
        'Knead the dough, then wait for it.',
        '',
      ].join('\n'),
    )
    expect(desk.consoleErrors).toEqual([])
  })

  test('importing a JSON export adds it as a new conversation and opens it', async ({ desk }, testInfo) => {
    const { page } = desk
    const path = join(testInfo.outputPath(), 'Bravo recipes.json')
    await writeFile(path, exportContent(THREE[1], 'json'))

    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import' }).click()
    await (await chooser).setFiles(path)

    await expect(items(page)).toHaveCount(4)
    await expect(item(page, 'Bravo recipes')).toHaveCount(2)
    const opened = items(page).and(page.locator('[aria-current="page"]'))
    await expect(opened).toHaveText('Bravo recipes')
    await expect(messages(page)).toHaveCount(2)
    await expect(messages(page).first()).toContainText('How do I bake bread?')
    await expect(messages(page).last()).toContainText('Knead the dough, then wait for it.')
    await expect(page.getByRole('alert')).toHaveCount(0)
    expect(desk.consoleErrors).toEqual([])
  })

  test('importing a file that is not an export shows an alert and changes nothing', async ({ desk }, testInfo) => {
    const { page } = desk
    const path = testInfo.outputPath('not-an-export.json')
    await writeFile(path, JSON.stringify({ hello: 'world' }))

    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import' }).click()
    await (await chooser).setFiles(path)

    await expect(page.getByRole('alert')).toContainText('not a Codex Desk conversation export')
    await expectTitles(page, ['Alpha plans', 'Bravo recipes', 'Charlie notes'])
  })
})

test.describe('with a very long conversation', () => {
  const LONG = conversation(
    'conv-long',
    'Long thread',
    Array.from({ length: 2000 }, (_, index) => `Message number ${index + 1}`),
    0,
  )
  test.use({ seed: { conversations: [LONG] } })

  test('a conversation with 2,000 messages opens at its end, scrolls to its start and back to its last message', async ({
    desk,
  }) => {
    const { page } = desk
    await openConversation(page, 'Long thread')
    const list = page.getByRole('region', { name: 'Messages' })
    const first = page.getByText('Message number 1', { exact: true })
    const last = page.getByText('Message number 2000', { exact: true })
    // It opens at the latest message, and only the rows near the viewport are in the page.
    await expect(last).toBeVisible()
    expect(await messages(page).count()).toBeLessThan(100)

    // Rows are measured as they render, so the content height can change while scrolling, and each time the list
    // nears its top an older page comes in above: scroll until there.
    await expect(async () => {
      await list.evaluate((element) => element.scrollTo({ top: 0 }))
      await expect(first).toBeVisible({ timeout: 500 })
    }).toPass({ intervals: [100] })
    await expect(last).toHaveCount(0)
    await expect(async () => {
      await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
      await expect(last).toBeVisible({ timeout: 500 })
    }).toPass()
    expect(await messages(page).count()).toBeLessThan(100)
    expect(desk.consoleErrors).toEqual([])
  })
})

test.describe('with 300 saved conversations', () => {
  const MANY = Array.from({ length: 300 }, (_, index) =>
    conversation(
      `conv-${index}`,
      `Chat ${index}`,
      [`Question ${index}`, index % 20 === 0 ? `The harbour lights at ${index}.` : 'Nothing of note.'],
      index,
    ),
  )
  test.use({ seed: { conversations: MANY } })

  test('the list mounts only a screenful, and End reaches the oldest conversation, Home the newest', async ({
    desk,
  }) => {
    const { page } = desk
    await expect(items(page).first()).toHaveText('Chat 0')
    expect(await items(page).count()).toBeLessThan(60)
    // The rest of the list follows the first screenful.
    await expect(items(page).first()).toHaveAttribute('aria-setsize', '300')
    await sidebar(page).getByRole('link', { name: 'Chat 0' }).focus()
    await page.keyboard.press('End')
    await expect(page.locator(':focus')).toHaveText('Chat 299')
    await page.keyboard.press('Home')
    await expect(page.locator(':focus')).toHaveText('Chat 0')
    expect(desk.consoleErrors).toEqual([])
  })

  test('search filters the list in place: the window never scrolls, Settings stays on screen, hits are marked', async ({
    desk,
  }) => {
    const { page } = desk
    await expect(items(page).first()).toBeVisible()
    const settingsButton = page.getByRole('button', { name: 'Settings' })
    const settingsBefore = await settingsButton.boundingBox()

    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('harbour')
    const results = page.getByRole('list', { name: 'Search results' })
    await expect(results.getByRole('listitem')).toHaveCount(15)
    await expect(page.getByRole('status').filter({ hasText: '15 conversations match' })).toBeVisible()
    // The list gives way to the hits; the full list is not left below them.
    await expect(items(page)).toHaveCount(0)
    await expect(results.locator('mark').first()).toHaveText('harbour')

    expect(await page.evaluate('window.scrollY + window.scrollX'), 'the window has not scrolled').toBe(0)
    expect(
      await page.locator('html').evaluate((root) => root.scrollHeight <= root.clientHeight),
      'the page itself does not grow',
    ).toBe(true)
    await expect(settingsButton).toBeInViewport()
    expect(await settingsButton.boundingBox()).toEqual(settingsBefore)
    expect(desk.consoleErrors).toEqual([])
  })
})
