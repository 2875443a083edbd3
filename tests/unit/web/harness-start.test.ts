import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { WsServerFrame } from '../../../src/shared/ipc-contract'
import { wsProtocols } from '../../../src/shared/ws-auth'
import { startWebHarness, type WebHarness } from '../../../src/web/server'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'codex-desk-harness-start-'))
  cleanups.push(() => rm(folder, { recursive: true, force: true }))
  return folder
}

/** A harness over `dataDir` (a fresh one unless given) whose page is a built renderer of one script. */
async function start(dataDir?: string): Promise<WebHarness> {
  const root = await tempFolder()
  const staticDir = join(root, 'web')
  await mkdir(join(staticDir, 'assets'), { recursive: true })
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>')
  await writeFile(join(staticDir, 'assets/app.js'), 'export {}')
  const harness = await startWebHarness({
    port: 0,
    dataDir: dataDir ?? join(root, 'data'),
    env: {
      baseUrl: 'http://127.0.0.1:9/backend-api/codex',
      issuer: 'http://127.0.0.1:9',
      oauthPort: 0,
      originator: 'codex_desk',
    },
    appVersion: '0.0.0-test',
    staticDir,
    log: () => {},
  })
  cleanups.push(() => harness.close())
  return harness
}

/** Connects as the page does and asks main for the app's info. */
async function askForInfo(harness: WebHarness): Promise<WsServerFrame> {
  const socket = new WebSocket(`${harness.url.replace('http:', 'ws:')}/ws`, wsProtocols(harness.token), {
    headers: { origin: harness.url },
  })
  cleanups.push(async () => socket.close())
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  const answer = new Promise<WsServerFrame>((resolve) =>
    socket.on('message', (data) => {
      const frame: WsServerFrame = JSON.parse(data.toString())
      if (frame.type === 'result') resolve(frame)
    }),
  )
  socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:info' }))
  return answer
}

describe('starting the web harness', () => {
  it('answers a page that connects before the app has started, once it has', async () => {
    const harness = await start()

    const frame = await askForInfo(harness)

    expect(frame).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { shell: 'web' } } })
  })

  it('says why the app cannot start when another window holds its data folder', async () => {
    const dataDir = join(await tempFolder(), 'data')
    const first = await start(dataDir)
    await first.services
    const second = await start(dataDir)

    await expect(second.services).rejects.toThrow('in use by another Codex Desk window')
  })
})
