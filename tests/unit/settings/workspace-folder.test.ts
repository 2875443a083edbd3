import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppServices } from '../../../src/main/services'
import { type OfflineApp, startOfflineApp } from '../../support/offline-app'

let app: OfflineApp
let root: string
let services: AppServices

beforeEach(async () => {
  app = await startOfflineApp('codex-desk-workspace-')
  ;({ root, services } = app)
})

afterEach(() => app.close())

const setWorkspace = (workspace: string | null) => services.api.invoke('settings:update', { workspace })

describe('choosing a workspace folder', () => {
  it('keeps the real path of an existing folder', async () => {
    const project = join(root, 'project')
    await mkdir(project)
    await symlink(project, join(root, 'link-to-project'))

    const result = await setWorkspace(join(root, 'link-to-project'))

    expect(result).toMatchObject({ ok: true, value: { workspace: await realpath(project) } })
  })

  it.each([
    ['a relative path', 'project', /not an absolute path/],
    ['a path with a parent step that does not exist', '/definitely/not/here/..', /does not exist/],
    ['a NUL character', '/tmp/a\u0000b', /NUL/],
    ['the filesystem root', '/', /root of the filesystem/],
  ])('refuses %s and keeps the workspace it had', async (_case, workspace, reason) => {
    const result = await setWorkspace(workspace)

    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid-payload', message: expect.stringMatching(reason) },
    })
    expect(await services.api.invoke('settings:get')).toMatchObject({ ok: true, value: { workspace: null } })
  })

  it('refuses a file that is not a folder', async () => {
    const file = join(root, 'notes.txt')
    await writeFile(file, 'not a folder')

    expect(await setWorkspace(file)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not a folder/) },
    })
  })

  it('can be cleared again', async () => {
    await mkdir(join(root, 'project'))
    await setWorkspace(join(root, 'project'))

    expect(await setWorkspace(null)).toMatchObject({ ok: true, value: { workspace: null } })
  })
})
