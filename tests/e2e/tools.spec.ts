import { mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Page } from '@playwright/test'
import { toolScenarios } from '../../src/fake-codex/tool-scenarios'
import { expect, test } from './support/fixtures'
import { signInThroughSettings } from './support/sign-in'

test.skip(
  ({ shell }) => shell === 'electron',
  'the desktop app picks the folder with the OS dialog, which a test cannot drive; the web chooser is a path field',
)

let workspace: string

test.beforeEach(async ({ desk }) => {
  workspace = await realpath(await mkdtemp(join(tmpdir(), 'codex-desk-e2e-workspace-')))
  await writeFile(join(workspace, 'notes.txt'), 'first line\nsecond line\n')
  await signInThroughSettings(desk.page)
})

test.afterEach(async ({ desk }) => {
  expect(desk.consoleErrors).toEqual([])
  await rm(workspace, { recursive: true, force: true })
})

async function chooseWorkspace(page: Page, folder: string): Promise<void> {
  await page.getByRole('button', { name: 'Workspace' }).click()
  const dialog = page.getByRole('dialog', { name: 'Workspace' })
  await dialog.getByRole('textbox', { name: 'Folder path' }).fill(folder)
  await dialog.getByRole('button', { name: 'Use folder' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('workspace-path')).toHaveText(basename(folder))
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.fill(text)
  await composer.press('Enter')
}

const lastAssistant = (page: Page) => page.locator('[data-testid="message"][data-role="assistant"]').last()

test('a folder that does not exist is refused in the chooser, and a real one is shown in the header', async ({
  desk,
}) => {
  const { page } = desk
  await expect(page.getByTestId('workspace-path')).toHaveText('Choose workspace folder…')
  await page.getByRole('button', { name: 'Workspace' }).click()
  const dialog = page.getByRole('dialog', { name: 'Workspace' })
  await dialog.getByRole('textbox', { name: 'Folder path' }).fill(join(workspace, 'missing'))
  await dialog.getByRole('button', { name: 'Use folder' }).click()
  await expect(dialog.getByRole('alert')).toContainText('does not exist')
  await dialog.getByRole('button', { name: 'Close' }).click()

  await chooseWorkspace(page, workspace)
  // The conversation the first message starts works in the folder chosen.
  desk.fake.responses.enqueue({ kind: 'text', text: 'Hello.' })
  await send(page, 'Hi')
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  await expect(page.locator('.chat-header').getByTestId('workspace-path')).toHaveText(basename(workspace))
})

test('the model reads a file without asking and answers from it', async ({ desk }) => {
  const { page } = desk
  await chooseWorkspace(page, workspace)
  desk.fake.responses.enqueue(...toolScenarios.oneCall('read_file', { path: 'notes.txt' }))
  await send(page, 'What is in notes.txt?')

  const card = page.getByTestId('tool-call')
  await expect(card).toHaveAttribute('data-state', 'done')
  await expect(card.getByRole('button', { name: 'Approve' })).toHaveCount(0)
  await expect(lastAssistant(page)).toContainText('second line')
})

test('a command shows its text before anything is expanded; Approve runs it and the answer quotes its output', async ({
  desk,
}) => {
  const { page } = desk
  await chooseWorkspace(page, workspace)
  desk.fake.responses.enqueue(...toolScenarios.oneCall('run_command', { command: 'echo hello-from-the-shell' }))
  await send(page, 'Say hello from the shell')

  const card = page.getByTestId('tool-call')
  await expect(card).toHaveAttribute('data-state', 'pending-approval')
  const preview = card.getByTestId('tool-call-preview')
  await expect(preview).toBeVisible()
  await expect(preview).toContainText('echo hello-from-the-shell')
  await expect(preview).toContainText(workspace)
  await expect(card.locator('details[open]')).toHaveCount(0)

  await card.getByRole('button', { name: 'Approve' }).click()
  await expect(card).toHaveAttribute('data-state', 'done')
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  await expect(lastAssistant(page)).toContainText('hello-from-the-shell')
})

test('a denied write is reported to the model and nothing is written', async ({ desk }) => {
  const { page } = desk
  await chooseWorkspace(page, workspace)
  desk.fake.responses.enqueue(...toolScenarios.oneCall('write_file', { path: 'new.txt', content: 'unwanted\n' }))
  await send(page, 'Write new.txt')

  const card = page.getByTestId('tool-call')
  await expect(card.getByTestId('tool-call-preview')).toContainText('New file')
  await expect(card.getByTestId('tool-call-preview')).toContainText('+unwanted')
  await card.getByRole('button', { name: 'Deny' }).click()

  await expect(card).toHaveAttribute('data-state', 'denied')
  await expect(lastAssistant(page)).toContainText('denied by the user')
  await expect(stat(join(workspace, 'new.txt'))).rejects.toThrow()
})

test('a patch is shown as a diff, approved with Enter and applied; after a restart its card is the same', async ({
  desk,
}) => {
  const { page } = desk
  await chooseWorkspace(page, workspace)
  const input =
    '*** Begin Patch\n*** Update File: notes.txt\n@@\n first line\n-second line\n+second line, patched\n*** End Patch\n'
  desk.fake.responses.enqueue(...toolScenarios.oneCall('apply_patch', { input }))
  await send(page, 'Patch the notes')

  const card = page.getByTestId('tool-call')
  const preview = card.getByTestId('tool-call-preview')
  await expect(preview.locator('.diff-del')).toHaveText('-second line')
  await expect(preview.locator('.diff-add')).toHaveText('+second line, patched')
  await expect(card).toBeFocused()
  await page.keyboard.press('Enter')

  await expect(card).toHaveAttribute('data-state', 'done')
  await expect(lastAssistant(page)).toHaveAttribute('data-state', 'done')
  expect(await readFile(join(workspace, 'notes.txt'), 'utf8')).toBe('first line\nsecond line, patched\n')
  const shown = (await preview.textContent()) ?? ''

  await desk.restart()
  await desk.page.getByTestId('conversation-item').first().click()
  const reopened = desk.page.getByTestId('tool-call')
  await expect(reopened).toHaveAttribute('data-state', 'done')
  await expect(reopened.getByTestId('tool-call-preview')).toHaveText(shown)
  await expect(desk.page.locator('.chat-header').getByTestId('workspace-path')).toHaveText(basename(workspace))
})

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

test('Stop during a long command kills it and keeps the output so far', async ({ desk }) => {
  const { page } = desk
  await chooseWorkspace(page, workspace)
  const command = 'echo "shell $$ started"; echo $$ > shell.pid; sleep 120; echo finished'
  desk.fake.responses.enqueue(...toolScenarios.oneCall('run_command', { command }))
  await send(page, 'Run the long job')

  const card = page.getByTestId('tool-call')
  await card.getByRole('button', { name: 'Approve' }).click()
  await expect(card).toHaveAttribute('data-state', 'running')
  // The shell writes its pid once it runs; nothing here waits on a clock.
  await expect.poll(() => readFile(join(workspace, 'shell.pid'), 'utf8').catch(() => '')).toMatch(/^\d+\n$/)
  const pid = Number((await readFile(join(workspace, 'shell.pid'), 'utf8')).trim())
  expect(isRunning(pid)).toBe(true)

  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(card).not.toHaveAttribute('data-state', 'running')
  await expect.poll(() => isRunning(pid)).toBe(false)
  const output = card.locator('details', { hasText: 'Output' })
  await output.locator('summary').click()
  await expect(output.locator('pre')).toContainText(`shell ${pid} started`)
  await expect(output.locator('pre')).toContainText('stopped by the user')
  await expect(output.locator('pre')).not.toContainText('finished')
})
