import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const REPO_ROOT = join(__dirname, '../..')

/** ELECTRON_EXEC_PATH is where electron-vite (and the check) take the binary from when it is set. */
function withElectronAt(path: string): NodeJS.ProcessEnv {
  return { ...process.env, ELECTRON_EXEC_PATH: path }
}

describe('npm run dev', () => {
  it('without the Electron binary, fails with one line naming install-electron, demo and web', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'codex-desk-dev-')), 'electron')

    const result = spawnSync('npm', ['run', 'dev'], { cwd: REPO_ROOT, env: withElectronAt(missing), encoding: 'utf8' })

    expect(result.status).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    for (const command of ['npx install-electron', 'npm run demo', 'npm run web']) expect(lines[0]).toContain(command)
    expect(result.stdout).not.toMatch(/https?:\/\//)
  })

  it('with the binary, lets electron-vite dev run as before', () => {
    const binary = join(mkdtempSync(join(tmpdir(), 'codex-desk-dev-')), 'electron')
    writeFileSync(binary, '')
    const check = spawnSync(process.execPath, ['scripts/check-electron-binary.mjs'], {
      cwd: REPO_ROOT,
      env: withElectronAt(binary),
      encoding: 'utf8',
    })
    const scripts = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts

    expect(check.status).toBe(0)
    expect(check.stdout + check.stderr).toBe('')
    expect(scripts.dev).toBe('node scripts/check-electron-binary.mjs && electron-vite dev')
  })
})
