import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { conversation, message } from './support/seed-data'

// Issue 11: a 10,000-message conversation opens with its newest messages at once; older ones are paged in.

const COUNT = 10_000
const BASE_TIME = Date.UTC(2026, 10, 1, 12)
const FIRST_TEXT = 'Which lighthouse keeps the oldest log?'
const texts = Array.from({ length: COUNT }, (_, index) => (index === 0 ? FIRST_TEXT : `Message number ${index}`))
const LONG = conversation(
  'conv-10k',
  'Ten thousand',
  BASE_TIME,
  texts.map((text, index) =>
    message(`m${index}`, index % 2 === 0 ? 'user' : 'assistant', text, BASE_TIME - COUNT + index),
  ),
)

test.use({ seed: { conversations: [LONG] } })

function list(page: Page) {
  return page.getByRole('region', { name: 'Messages' })
}

function shown(page: Page, index: number) {
  return page.getByText(index === 0 ? FIRST_TEXT : `Message number ${index}`, { exact: true })
}

async function open(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: 'Ten thousand' }).click()
  await expect(shown(page, COUNT - 1)).toBeVisible()
}

/** Holds the page's `conversations:page` requests on their way to main until `release` (web harness only). */
async function holdPages(page: Page) {
  let holding = true
  const held: (() => void)[] = []
  await page.routeWebSocket(/\/ws$/, (socket) => {
    const server = socket.connectToServer()
    socket.onMessage((frame) => {
      const send = () => server.send(frame)
      if (holding && typeof frame === 'string' && frame.includes('"conversations:page"')) held.push(send)
      else send()
    })
  })
  return {
    release() {
      holding = false
      for (const send of held.splice(0)) send()
    },
  }
}

test('opens at its newest messages; scrolling up pages older ones in without moving what is on screen; Home reaches the first', async ({
  desk,
  shell,
}) => {
  test.skip(shell === 'electron', 'holds the pages on their way through the web harness socket')
  const { page } = desk
  const pages = await holdPages(page)
  await page.reload()
  await open(page)
  expect(await page.getByTestId('message').count()).toBeLessThan(100)

  // To the top of the first window: its oldest message shows, and the page before it is asked for.
  const oldestLoaded = shown(page, COUNT - 60)
  await list(page).evaluate((element) => element.scrollTo({ top: 0 }))
  await expect(oldestLoaded).toBeInViewport()
  await expect(page.getByRole('status').filter({ hasText: 'Loading earlier messages…' })).toBeVisible()
  const before = await oldestLoaded.boundingBox()

  pages.release()
  await expect(shown(page, COUNT - 61)).toBeAttached()
  await expect(page.getByRole('status').filter({ hasText: 'Loading earlier messages…' })).toHaveCount(0)
  const after = await oldestLoaded.boundingBox()
  expect(Math.abs((after?.y ?? Number.NaN) - (before?.y ?? Number.NaN))).toBeLessThanOrEqual(1)

  await page.getByRole('button', { name: 'Copy' }).first().focus()
  await page.keyboard.press('Home')
  await expect(shown(page, 0)).toBeInViewport()
  expect(desk.consoleErrors).toEqual([])
})

test('find counts a word only in the first message and shows it; Export JSON holds every message', async ({
  desk,
  shell,
}) => {
  const { page } = desk
  await open(page)
  await page.keyboard.press('Control+f')
  await page.getByRole('searchbox', { name: 'Find in conversation' }).fill('lighthouse')
  await expect(page.getByText('1 of 1')).toBeVisible()
  await expect(page.locator('mark[data-find-current]')).toBeInViewport()
  await expect(page.locator('mark[data-find-current]')).toHaveText('lighthouse')
  expect(desk.consoleErrors).toEqual([])

  test.skip(shell === 'electron', 'the desktop app saves through a native save dialog; the web shell downloads')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export JSON' }).click()
  const path = await (await download).path()
  const exported = JSON.parse(await readFile(path, 'utf8')) as { conversation: { messages: { id: string }[] } }
  expect(exported.conversation.messages.map((exportedMessage) => exportedMessage.id)).toEqual(
    texts.map((_text, index) => `m${index}`),
  )
})
