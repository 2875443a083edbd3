import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type FakeCodex, type FakeCodexOptions, startFakeCodex } from '../../../src/fake-codex/server'
import { type Auth, createAuth, type IssuedTokens } from '../../../src/main/auth'
import type { BindRetry } from '../../../src/main/auth/loopback-bind'
import { EventHub } from '../../../src/main/ipc/event-hub'
import { createNodeSecretBox } from '../../../src/main/platform/node-secret-box'
import type { KeyValueStore, Platform, SecretBox } from '../../../src/main/platform/types'
import type { SettingsService } from '../../../src/main/ports'
import type { AccountState, Settings } from '../../../src/shared/domain'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'

/** A JSON document on disk, read on every call, so tests see exactly what a restart would. */
export function createJsonFileStore(file: string): KeyValueStore {
  const read = (): Record<string, unknown> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    } catch {
      return {}
    }
  }
  const write = (document: Record<string, unknown>) => writeFileSync(file, JSON.stringify(document), { mode: 0o600 })
  return {
    get: (key) => read()[key],
    set: (key, value) => write({ ...read(), [key]: value }),
    delete(key) {
      const { [key]: _removed, ...rest } = read()
      write(rest)
    },
  }
}

export function unavailableSecretBox(): SecretBox {
  return {
    isAvailable: () => false,
    encrypt: () => {
      throw new Error('no encryption on this machine')
    },
    decrypt: () => {
      throw new Error('no encryption on this machine')
    },
  }
}

export function settingsWith(patch: Partial<Settings> = {}): SettingsService & { set(patch: Partial<Settings>): void } {
  let current: Settings = { ...DEFAULT_SETTINGS, ...patch }
  const listeners = new Set<(settings: Settings) => void>()
  const set = (next: Partial<Settings>) => {
    current = { ...current, ...next }
    for (const listener of listeners) listener(current)
  }
  return {
    get: () => current,
    update: (next) => {
      set(next)
      return current
    },
    set,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

import { DEFAULT_ORIGINATOR } from '../../../src/main/client-identity'
import { freeLoopbackPort as freePort } from '../../../src/web/free-port'

export { freePort }

/** A program that holds a port and is not a Codex login server: `/cancel` means nothing to it. */
export async function holdPort(port: number): Promise<Server> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return server
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })
}

/** Quick retries: the behaviour under test is the same as Codex's 10 × 200 ms. */
export const QUICK_RETRY: BindRetry = { attempts: 3, delayMs: 20, cancelTimeoutMs: 1000 }

export interface AppOptions {
  dataDir: string
  fake: FakeCodex
  port: number
  fallbackPort?: number | null
  secretBox?: SecretBox
  settings?: ReturnType<typeof settingsWith>
  loginTimeoutMs?: number
  /** What `CODEX_DESK_ORIGINATOR` would set. */
  originator?: string
}

export interface TestApp {
  auth: Auth
  configFile: string
  /** Every `account:changed` payload, in order. */
  changes: AccountState[]
  opened: string[]
  account(): Promise<AccountState>
  signIn(): Promise<AccountState>
  /** Signs in all the way, playing the browser's part, and returns the tokens the issuer handed out. */
  signInWithBrowser(): Promise<IssuedTokens>
  cancelSignIn(): Promise<AccountState>
  signOut(): Promise<AccountState>
  /** Resolves with the first state (now or later) that matches. */
  waitFor(predicate: (state: AccountState) => boolean): Promise<AccountState>
}

/** The auth capability as the app wires it, over a real data folder. "Restarting" is calling this again. */
export function startApp(options: AppOptions): TestApp {
  const configFile = join(options.dataDir, 'config.json')
  const changes: AccountState[] = []
  const waiters = new Set<(state: AccountState) => void>()
  const opened: string[] = []
  const events = new EventHub()
  events.on('account:changed', (state) => {
    changes.push(state)
    for (const waiter of waiters) waiter(state)
  })
  const platform: Platform = {
    shell: 'web',
    appVersion: '0.0.0-test',
    dataDir: options.dataDir,
    secretBox: options.secretBox ?? createNodeSecretBox(options.dataDir),
    config: createJsonFileStore(configFile),
    desktop: {
      openExternal: async (url) => {
        opened.push(url)
      },
      openPath: async () => {},
    },
  }
  const auth = createAuth({
    platform,
    env: {
      baseUrl: options.fake.baseUrl,
      issuer: options.fake.issuerUrl,
      oauthPort: options.port,
      originator: options.originator ?? DEFAULT_ORIGINATOR,
    },
    events,
    settings: options.settings ?? settingsWith(),
    fallbackPort: options.fallbackPort ?? null,
    bindRetry: QUICK_RETRY,
    loginTimeoutMs: options.loginTimeoutMs,
  })
  const { handlers } = auth
  async function waitFor(predicate: (state: AccountState) => boolean): Promise<AccountState> {
    const now = await handlers['account:get'](undefined)
    if (predicate(now)) return now
    return new Promise((resolve) => {
      const waiter = (state: AccountState) => {
        if (!predicate(state)) return
        waiters.delete(waiter)
        resolve(state)
      }
      waiters.add(waiter)
    })
  }
  return {
    auth,
    configFile,
    changes,
    opened,
    account: async () => handlers['account:get'](undefined),
    signIn: async () => handlers['account:sign-in'](undefined),
    async signInWithBrowser() {
      const { authorizeUrl } = await handlers['account:sign-in'](undefined)
      if (!authorizeUrl) throw new Error('Sign-in started without an authorize URL.')
      await (await completeInBrowser(authorizeUrl)).text()
      await waitFor((state) => state.status === 'signed-in')
      const issued = options.fake.issuer.issuedTokens().at(-1)
      if (!issued) throw new Error('The issuer handed out no tokens.')
      return issued
    },
    cancelSignIn: async () => handlers['account:cancel-sign-in'](undefined),
    signOut: async () => handlers['account:sign-out'](undefined),
    waitFor,
  }
}

/** Plays the browser: follows the issuer's redirect to the app's loopback callback and returns that page. */
export async function completeInBrowser(authorizeUrl: string): Promise<Response> {
  const authorize = await fetch(authorizeUrl, { redirect: 'manual' })
  const location = authorize.headers.get('location')
  if (!location) throw new Error(`The issuer did not redirect (HTTP ${authorize.status}).`)
  return fetch(toLoopback(location))
}

/** The redirect names `localhost` as registered; the app listens on 127.0.0.1 (a browser tries both). */
export function toLoopback(url: string): string {
  return url.replace('//localhost:', '//127.0.0.1:')
}

export interface Fixture {
  dataDir: string
  fake: FakeCodex
  port: number
  /** Starts (or "restarts") the app over this fixture's data folder and fake backend. */
  start(options?: Partial<AppOptions>): TestApp
  cleanup(): Promise<void>
}

export async function setUp(fakeOptions: FakeCodexOptions = {}): Promise<Fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'codex-desk-auth-'))
  const fake = await startFakeCodex(fakeOptions)
  const port = await freePort()
  const apps: TestApp[] = []
  return {
    dataDir,
    fake,
    port,
    start(options = {}) {
      const app = startApp({ dataDir, fake, port, ...options })
      apps.push(app)
      return app
    },
    async cleanup() {
      for (const app of apps) await app.auth.dispose()
      await fake.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
