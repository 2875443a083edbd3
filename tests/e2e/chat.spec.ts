import type { Page } from '@playwright/test'
import { type Desk, expect, test } from './support/fixtures'
import { signInThroughSettings } from './support/sign-in'

test.skip(
  ({ shell }) => shell === 'electron',
  'chat needs a signed-in user, and signInThroughSettings follows the sign-in tab the web page opens; the desktop app opens the system browser instead',
)

interface ResponsesBody {
  model?: string
  reasoning?: { effort?: string } | null
  input?: Array<{ type?: string; role?: string; content?: unknown }>
}

function lastBody(desk: Desk): ResponsesBody {
  const last = desk.fake.responses.requests.at(-1)
  expect(last, 'a request reached the fake backend').toBeDefined()
  return last?.body as ResponsesBody
}

function messages(page: Page) {
  return page.getByTestId('message')
}

function lastAssistant(page: Page) {
  return page.locator('[data-testid="message"][data-role="assistant"]').last()
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(text)
  await composer.press('Enter')
}

/** Makes retries after errors without a Retry-After quick, the way a user would: in Settings. */
async function setRetryBaseDelaySeconds(page: Page, seconds: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const field = dialog.getByRole('spinbutton', { name: 'Retry base delay (s)' })
  await field.fill(seconds)
  await field.blur()
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
  // The settings reach main before the next turn: reopen and read the saved value back.
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(dialog.getByRole('spinbutton', { name: 'Retry base delay (s)' })).toHaveValue(seconds)
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
}

test.beforeEach(async ({ desk }) => {
  await signInThroughSettings(desk.page)
})

test.afterEach(async ({ desk }) => {
  expect(desk.consoleErrors).toEqual([])
})

test('send a message and see the answer stream in, with its reasoning and Markdown', async ({ desk }) => {
  const { page } = desk
  desk.fake.responses.enqueue({
    kind: 'text',
    reasoning: ['**Planning the table**\n\nTwo fruits and their colours.'],
    text: 'Here is a table:\n\n| Fruit | Colour |\n| --- | --- |\n| Apple | Red |\n| Banana | Yellow |\n\nAnd some code:\n\n```ts\nconst answer = 42\n```\n\nThat is **all**.',
    // Held after "Here is a table:" until the steps below have seen it mid-stream.
    holdAfterDeltas: 4,
  })
  await send(page, 'Show me a table')

  const user = messages(page).and(page.locator('[data-role="user"]'))
  await expect(user).toHaveCount(1)
  await expect(user).toContainText('Show me a table')

  const answer = lastAssistant(page)
  await expect(answer).toHaveAttribute('data-state', 'streaming')
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible()
  await expect(answer.getByTestId('reasoning')).toBeVisible()
  // Part of the answer shows while it is still streaming.
  await expect(answer).toContainText('Here is a table')
  await expect(answer).toHaveAttribute('data-state', 'streaming')
  await expect(answer).not.toContainText('That is')

  desk.fake.responses.release()
  await expect(answer).toHaveAttribute('data-state', 'done')
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()

  const reasoning = answer.getByTestId('reasoning')
  await reasoning.locator('summary').click()
  await expect(reasoning).toContainText('Two fruits and their colours.')
  await expect(reasoning.locator('strong')).toHaveText('Planning the table')

  const table = answer.getByRole('table')
  await expect(table).toBeVisible()
  await expect(table.getByRole('columnheader')).toHaveText(['Fruit', 'Colour'])
  await expect(table.getByRole('row')).toHaveCount(3)
  await expect(answer.locator('pre code')).toContainText('const answer = 42')
  await expect(answer.locator('strong', { hasText: 'all' })).toBeVisible()
  // The Markdown source is not shown as text.
  await expect(answer).not.toContainText('| --- |')

  // The conversation shows up in the list.
  await expect(page.getByTestId('conversation-item')).toHaveCount(1)
  const body = lastBody(desk)
  expect(body.input?.at(-1)).toMatchObject({ role: 'user' })
})

test('Stop ends the answer at once and keeps what arrived', async ({ desk }) => {
  const { page } = desk
  desk.fake.responses.enqueue({
    kind: 'text',
    text: Array.from({ length: 200 }, (_, index) => `word${index}`).join(' '),
    // It would wait here for ever: only Stop ends it.
    holdAfterDeltas: 10,
  })
  await send(page, 'Write a long answer')

  const answer = page.locator('[data-testid="message"][data-role="assistant"]').first()
  await expect(answer).toHaveAttribute('data-state', 'streaming')
  await expect(answer).toContainText('word2')
  await page.getByRole('button', { name: 'Stop' }).click()

  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()
  await expect(answer).toHaveAttribute('data-state', 'done')
  await expect(answer).toContainText('Stopped')
  await expect(answer).toContainText('word0 word1 word2')
  await expect(answer).not.toContainText('word199')
  const kept = (await answer.locator('.message-body').textContent()) ?? ''
  expect(kept.trim()).not.toBe('')

  // The composer works again, and nothing more arrived in the stopped answer meanwhile.
  await send(page, 'Thanks')
  await expect(messages(page)).toHaveCount(4)
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  await expect(lastAssistant(page)).toContainText('Thanks')
  expect(((await answer.locator('.message-body').textContent()) ?? '').trim()).toBe(kept.trim())

  // What was kept is what is saved.
  await desk.restart()
  await desk.page.getByTestId('conversation-item').first().click()
  const reopened = desk.page.locator('[data-testid="message"][data-role="assistant"]').first()
  await expect(reopened).toHaveAttribute('data-state', 'done')
  await expect(reopened).toContainText('Stopped')
  expect(((await reopened.locator('.message-body').textContent()) ?? '').trim()).toBe(kept.trim())
})

test('a 429 shows when the next attempt is due, then the answer arrives', async ({ desk }) => {
  const { page } = desk
  desk.fake.responses.enqueue(
    { kind: 'rate-limited', retryAfterSeconds: 2 },
    { kind: 'text', text: 'Made it after waiting.' },
  )
  const requests = desk.fake.responses.requests
  await send(page, 'Hello despite the rate limit')

  const notice = page.getByRole('alert').filter({ hasText: /Retrying in \d+ s/ })
  await expect(notice).toBeVisible()
  await expect(notice).toContainText(/Retrying in [12] s/)
  await expect(notice).toContainText('attempt 1 of')
  // The countdown above shows the server's 2 s, not the 1 s base delay; how long the wait really is, is the codex
  // client's unit tests' business (fake clock): timing it here would depend on the machine's load.
  await expect.poll(() => requests.length, { intervals: [20], timeout: 10_000 }).toBe(2)

  const answer = lastAssistant(page)
  await expect(answer).toHaveAttribute('data-state', 'done')
  await expect(answer).toContainText('Made it after waiting.')
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(requests).toHaveLength(2)
  expect(requests[0]?.body).toEqual(requests[1]?.body)
})

test('Stop during a retry wait ends the turn without another attempt', async ({ desk }) => {
  const { page } = desk
  desk.fake.responses.enqueue({ kind: 'rate-limited', retryAfterSeconds: 30 })
  await send(page, 'Hello')
  const notice = page.getByRole('alert').filter({ hasText: /Retrying in \d+ s/ })
  await expect(notice).toBeVisible()
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()
  await expect(notice).toHaveCount(0)
  await expect(lastAssistant(page)).not.toHaveAttribute('data-state', 'streaming')

  // The next message goes out at once and is answered.
  await send(page, 'Again')
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  await expect(lastAssistant(page)).toContainText('Again')
  expect(desk.fake.responses.requests).toHaveLength(2)
})

test('Retry now ends a long wait at once', async ({ desk }) => {
  const { page } = desk
  desk.fake.responses.enqueue(
    { kind: 'rate-limited', retryAfterSeconds: 50 },
    { kind: 'text', text: 'No more waiting.' },
  )
  await send(page, 'Hello')
  const notice = page.getByRole('alert').filter({ hasText: /Retrying in \d+ s/ })
  await expect(notice).toBeVisible()

  await notice.getByRole('button', { name: 'Retry now' }).click()
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  await expect(lastAssistant(page)).toContainText('No more waiting.')
  await expect(notice).toHaveCount(0)
  expect(desk.fake.responses.requests).toHaveLength(2)
})

test('changing the model and the reasoning effort changes what the request asks for', async ({ desk }) => {
  const { page } = desk
  await send(page, 'First')
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  const defaultModel = lastBody(desk).model

  const model = page.getByRole('combobox', { name: 'Model' })
  await expect(model).toHaveValue(String(defaultModel))
  await model.selectOption({ label: 'GPT-5.4 mini' })
  await expect(model).toHaveValue('gpt-5.4-mini')
  const effort = page.getByRole('combobox', { name: 'Reasoning effort' })
  await effort.selectOption({ label: 'High' })
  await expect(effort).toHaveValue('high')

  await send(page, 'Second')
  await expect(messages(page)).toHaveCount(4)
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  const body = lastBody(desk)
  expect(body.model).toBe('gpt-5.4-mini')
  expect(body.reasoning?.effort).toBe('high')
  expect(defaultModel).not.toBe('gpt-5.4-mini')

  // The choice belongs to the conversation and stays after a restart.
  await desk.restart()
  await desk.page.getByTestId('conversation-item').first().click()
  await expect(desk.page.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.4-mini')
  await expect(desk.page.getByRole('combobox', { name: 'Reasoning effort' })).toHaveValue('high')
})

test('a stream cut after some output is re-sent, kept as cut when every re-send breaks, and Retry completes it', async ({
  desk,
}) => {
  const { page } = desk
  await setRetryBaseDelaySeconds(page, '0.05')
  // The first try and its 5 re-sends all break after a few words.
  const cut = { kind: 'cut', afterDeltas: 3, text: 'Partial words before the cut and then more.', times: 6 } as const
  desk.fake.responses.enqueue(cut)
  await send(page, 'Tell me something')

  const answer = lastAssistant(page)
  await expect(answer).toHaveAttribute('data-state', 'error')
  await expect(answer).toContainText('Partial words before')
  await expect(answer.getByRole('alert')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()

  // Each re-sent answer replaced the previous partial one: the words are there once.
  await expect(answer.locator('.message-body')).toHaveText('Partial words before')
  expect(desk.fake.responses.requests).toHaveLength(6)

  desk.fake.responses.enqueue({ kind: 'text', text: 'The whole answer, this time.' })
  await answer.getByRole('button', { name: 'Retry' }).click()
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  await expect(lastAssistant(page)).toContainText('The whole answer, this time.')
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveCount(1)
  // The retry asks again for the same message; the broken partial answer is not sent back.
  const input = lastBody(desk).input ?? []
  expect(input.filter((item) => item.role === 'user')).toHaveLength(1)
  expect(input.filter((item) => item.role === 'assistant')).toHaveLength(0)
})

test('a stream cut before any output is retried on its own', async ({ desk }) => {
  const { page } = desk
  await setRetryBaseDelaySeconds(page, '0.05')
  desk.fake.responses.enqueue(
    { kind: 'http-error', status: 503, body: { detail: 'overloaded' } },
    { kind: 'cut', afterDeltas: 0 },
    { kind: 'text', text: 'Third time lucky.' },
  )
  await send(page, 'Are you there?')
  const answer = lastAssistant(page)
  await expect(answer).toHaveAttribute('data-state', 'done')
  await expect(answer).toContainText('Third time lucky.')
  expect(desk.fake.responses.requests).toHaveLength(3)
})

test('a usage limit says when it resets and is not retried', async ({ desk }) => {
  const { page } = desk
  const resetsAt = Math.floor(Date.now() / 1000) + 3 * 3600
  desk.fake.responses.enqueue({ kind: 'usage-limit', resetsAt, planType: 'plus' })
  await send(page, 'One more question')

  const answer = lastAssistant(page)
  await expect(answer).toHaveAttribute('data-state', 'error')
  const alert = answer.getByRole('alert')
  await expect(alert).toContainText('usage limit')
  const clock = await page.evaluate(
    (epochMs) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(epochMs),
    resetsAt * 1000,
  )
  await expect(alert).toContainText(`The limit resets at ${clock}`)
  // Asking again cannot work before the reset: no Retry until then.
  await expect(answer.getByRole('button', { name: 'Retry' })).toHaveCount(0)
  await expect(page.getByRole('alert').filter({ hasText: 'Retrying' })).toHaveCount(0)
  expect(desk.fake.responses.requests).toHaveLength(1)
})

test('tool calls: get_current_time runs freely, write_file waits for approval and can be denied', async ({ desk }) => {
  const { page } = desk
  desk.fake.responses.enqueue(
    { kind: 'function-calls', calls: [{ name: 'get_current_time', arguments: '{}' }] },
    {
      kind: 'function-calls',
      calls: [{ name: 'write_file', arguments: JSON.stringify({ path: 'notes.txt', content: 'hi' }) }],
    },
    { kind: 'text', text: 'Understood, I did not write the file.' },
  )
  await send(page, 'What time is it? Then save a note.')

  const answer = lastAssistant(page)
  const time = answer.locator('[data-testid="tool-call"][data-tool="get_current_time"]')
  await expect(time).toHaveAttribute('data-state', 'done')
  const write = answer.locator('[data-testid="tool-call"][data-tool="write_file"]')
  await expect(write).toHaveAttribute('data-state', 'pending-approval')
  await expect(answer).toHaveAttribute('data-state', 'streaming')
  await expect(write.getByRole('button', { name: 'Approve' })).toBeVisible()
  await write.getByRole('button', { name: 'Deny' }).click()

  await expect(write).toHaveAttribute('data-state', 'denied')
  await expect(write.getByRole('button', { name: 'Approve' })).toHaveCount(0)
  await expect(answer).toHaveAttribute('data-state', 'done')
  await expect(answer).toContainText('Understood, I did not write the file.')

  // Each tool's output went back to the model.
  const requests = desk.fake.responses.requests.map((request) => request.body as ResponsesBody)
  expect(requests).toHaveLength(3)
  const outputs = (requests[2]?.input ?? []).filter((item) => item.type === 'function_call_output')
  expect(outputs).toHaveLength(2)
})

test('the conversation and its answer survive a restart', async ({ desk }) => {
  const { page } = desk
  desk.fake.responses.enqueue({ kind: 'text', reasoning: ['Thinking about persistence.'], text: 'Saved **answer**.' })
  await send(page, 'Remember this')
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')

  await desk.restart()
  const restarted = desk.page
  await expect(restarted.getByTestId('conversation-item')).toHaveCount(1)
  await restarted.getByTestId('conversation-item').first().click()
  await expect(messages(restarted)).toHaveCount(2)
  const answer = lastAssistant(restarted)
  await expect(answer).toHaveAttribute('data-state', 'done')
  await expect(answer.locator('strong')).toHaveText('answer')
  await expect(answer.getByTestId('reasoning')).toBeVisible()
  await expect(restarted.locator('[data-role="user"]')).toContainText('Remember this')

  // Still signed in, and the next turn carries the history.
  await send(restarted, 'And now?')
  await expect(messages(restarted)).toHaveCount(4)
  await expect(lastAssistant(restarted)).toHaveAttribute('data-state', 'done')
  const input = lastBody(desk).input ?? []
  expect(input.filter((item) => item.role === 'user')).toHaveLength(2)
  expect(input.some((item) => item.type === 'reasoning')).toBe(true)
})

test('an approved tool call runs, and its failure is shown on the call', async ({ desk }) => {
  const { page } = desk
  desk.fake.responses.enqueue(
    { kind: 'function-calls', calls: [{ name: 'run_command', arguments: JSON.stringify({ command: 'ls' }) }] },
    { kind: 'text', text: 'No workspace is chosen, so I could not list it.' },
  )
  await send(page, 'List my files')
  const answer = lastAssistant(page)
  const command = answer.locator('[data-testid="tool-call"][data-tool="run_command"]')
  await expect(command).toHaveAttribute('data-state', 'pending-approval')
  await command.getByRole('button', { name: 'Approve' }).click()
  // Without a workspace folder the command cannot run; the model is told so and answers.
  await expect(command).toHaveAttribute('data-state', 'error')
  await expect(command.getByRole('button', { name: 'Deny' })).toHaveCount(0)
  await expect(answer).toHaveAttribute('data-state', 'done')
  await expect(answer).toContainText('No workspace is chosen')
  const input = lastBody(desk).input ?? []
  const output = input.find((item) => item.type === 'function_call_output') as { output?: string } | undefined
  expect(output?.output).toContain('needs a workspace folder')
})

test('an answer keeps streaming while another conversation is open, and shows when you come back', async ({ desk }) => {
  const { page } = desk
  // The answer stops after 30 words until released, so it is still streaming whatever the machine's speed.
  desk.fake.responses.enqueue({
    kind: 'text',
    text: Array.from({ length: 100 }, (_, index) => `part${index}`).join(' '),
    holdAfterDeltas: 30,
  })
  await send(page, 'A slow answer please')
  await expect(lastAssistant(page)).toContainText('part29')
  const items = page.getByTestId('conversation-item')
  await expect(items).toHaveCount(1)

  await page.getByRole('button', { name: 'New chat' }).click()
  await expect(messages(page)).toHaveCount(0)
  await expect(items).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()

  await items.filter({ hasText: 'A slow answer please' }).click()
  const answer = lastAssistant(page)
  const expected = Array.from({ length: 100 }, (_, index) => `part${index}`).join(' ')
  const heldPart = Array.from({ length: 30 }, (_, index) => `part${index}`).join(' ')
  await expect(answer).toHaveAttribute('data-state', 'streaming')
  await expect(answer.locator('.message-body')).toHaveText(heldPart)

  // The rest arrives into the reopened conversation: the start of the answer with nothing missing in between.
  desk.fake.responses.release()
  const seenWhileStreaming: string[] = [heldPart]
  await expect
    .poll(
      async () => {
        const [state, text] = await answer.evaluate((element) => [
          element.getAttribute('data-state'),
          element.querySelector('.message-body')?.textContent?.trim() ?? '',
        ])
        if (state === 'streaming') seenWhileStreaming.push(text ?? '')
        return state
      },
      { intervals: [100] },
    )
    .toBe('done')
  expect(seenWhileStreaming.length).toBeGreaterThan(0)
  for (const text of seenWhileStreaming)
    expect(expected.startsWith(text), `"${text}" is how the answer starts`).toBe(true)
  // Every word once, in order: nothing lost or doubled by switching away and back mid-stream.
  expect(((await answer.locator('.message-body').textContent()) ?? '').trim()).toBe(expected)
  await expect(messages(page)).toHaveCount(2)
})

test('a link in an answer opens in a new tab, and the app stays where it was', async ({ desk }) => {
  const { page } = desk
  const target = `${desk.fake.issuerUrl}/docs/getting-started`
  desk.fake.responses.enqueue({ kind: 'text', text: `Read [the guide](${target}) first.` })
  await send(page, 'Where do I start?')
  const answer = lastAssistant(page)
  await expect(answer).toHaveAttribute('data-state', 'done')

  const [tab] = await Promise.all([
    page.context().waitForEvent('page'),
    answer.getByRole('link', { name: 'the guide' }).click(),
  ])

  await expect.poll(() => tab.url()).toBe(target)
  expect(page.url()).not.toContain('getting-started')
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
})

/** Pixels between the bottom of what the message list shows and the end of its content. */
function distanceFromEnd(page: Page): Promise<number> {
  return page
    .getByRole('region', { name: 'Messages' })
    .evaluate((list) => list.scrollHeight - list.scrollTop - list.clientHeight)
}

test('a long answer keeps its newest words in view, until I scroll up to read', async ({ desk }) => {
  const { page } = desk
  const paragraphs = (name: string) => Array.from({ length: 300 }, (_, index) => `${name}${index}`).join('\n\n')
  desk.fake.responses.enqueue({ kind: 'text', text: paragraphs('first'), tokensPerSecond: 400 })
  await send(page, 'Write a long answer')
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  await expect(page.getByText('first299', { exact: true })).toBeInViewport()
  expect(await distanceFromEnd(page)).toBeLessThan(48)

  desk.fake.responses.enqueue({ kind: 'text', text: paragraphs('second'), holdAfterDeltas: 150 })
  await send(page, 'And another')
  await expect(page.getByText('second140', { exact: true })).toBeInViewport()
  expect(await distanceFromEnd(page)).toBeLessThan(48)

  const list = page.getByRole('region', { name: 'Messages' })
  const readingAt = await list.evaluate((element) => {
    element.scrollBy(0, -600)
    return element.scrollTop
  })
  desk.fake.responses.release()
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  expect(await list.evaluate((element) => element.scrollTop)).toBe(readingAt)
  await expect(page.getByText('second299', { exact: true })).not.toBeInViewport()
})
