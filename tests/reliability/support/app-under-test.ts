import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FakeCodex } from '../../../src/fake-codex/server'
import { DEFAULT_ORIGINATOR } from '../../../src/main/client-identity'
import { type AppServices, createAppServices } from '../../../src/main/services'
import { openConversationStore } from '../../../src/main/storage'
import { chatReducer, emptyThread } from '../../../src/renderer/src/chat/chat-reducer'
import type { AccountState, ChatEvent, ChatMessage, Conversation, RetryNotice } from '../../../src/shared/domain'
import type { Result } from '../../../src/shared/errors'
import { signInThroughLoopback } from '../../../src/web/demo-sign-in'
import { freeLoopbackPort } from '../../../src/web/free-port'
import { createNodePlatform } from '../../../src/web/node-platform'
import { type FakeClock, fakeClock } from '../../support/fake-clock'

/** A clock on a whole second: HTTP dates have second precision. */
export const START = 1_900_000_000_000

export interface AppUnderTest {
  services: AppServices
  clock: FakeClock
  dataDir: string
  /** Every chat event the page was sent, in order. */
  events: ChatEvent[]
  /** How long each announced wait between attempts was, in the order announced. */
  waits: number[]
  retries: RetryNotice[]
  account(): AccountState
  /** Sends `text` in a new conversation; resolves with its id once chat:send answered. */
  send(text: string): Promise<string>
  /** Resolves with the answer once the turn in `conversationId` ended. */
  finished(conversationId: string): Promise<ChatMessage>
  /** The conversation's messages as a page that applied every chat event since it opened the empty chat shows them. */
  shown(conversationId: string): ChatMessage[]
  /** Resolves once `condition` holds, checked after every event the app sends and every turn of the event loop. */
  until(condition: () => boolean): Promise<void>
  /** Stops the app (its writes settle) and reads the conversation back from the data folder with a fresh store. */
  closeAndReadBack(conversationId: string): Promise<Conversation>
  remove(): Promise<void>
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`)
  return result.value
}

/**
 * The whole app's services (`createAppServices`, as the harness and Electron compose them) over a fresh data folder,
 * signed in through the real OAuth flow against the fake. Only the Codex client's time is the test's: every wait
 * between attempts passes the moment it is announced, and idle deadlines pass when the test advances the clock.
 */
export async function startAppUnderTest(fake: FakeCodex, options: { baseUrl?: string } = {}): Promise<AppUnderTest> {
  const root = await mkdtemp(join(tmpdir(), 'codex-desk-reliability-'))
  const dataDir = join(root, 'data')
  const clock = fakeClock(START)
  const platform = createNodePlatform({ dataDir, appVersion: '0.0.0-test', log: () => {} })
  const services = await createAppServices(
    platform,
    {
      baseUrl: options.baseUrl ?? fake.baseUrl,
      issuer: fake.issuerUrl,
      oauthPort: await freeLoopbackPort(),
      originator: DEFAULT_ORIGINATOR,
    },
    () => {},
    // Jitter in the middle of its range: backoff waits are exactly 1, 2, 4, 8 and 16 s.
    { now: clock.now, sleep: clock.sleep, random: () => 0.5 },
  )
  const { api } = services
  const events: ChatEvent[] = []
  const waits: number[] = []
  const retries: RetryNotice[] = []
  let account: AccountState = { status: 'signed-out' }
  let disposed: Promise<void> | undefined
  const dispose = () => {
    disposed ??= services.dispose()
    return disposed
  }
  const wakers = new Set<() => void>()
  const wake = () => {
    for (const waker of wakers) waker()
  }
  api.on('chat:event', (event) => {
    events.push(event)
    if (event.type === 'retrying') {
      retries.push(event)
      waits.push(event.retryAt - clock.now())
      // The client starts its wait right after announcing it, in the same turn.
      queueMicrotask(() => clock.advance(event.retryAt - clock.now()))
    }
    wake()
  })
  api.on('account:changed', (state) => {
    account = state
    wake()
  })
  account = await signInThroughLoopback(api)

  function until(condition: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!condition()) return
        wakers.delete(check)
        clearInterval(poll)
        resolve()
      }
      // Conditions on the fake (requests, keep-alives) change without an app event.
      const poll = setInterval(check, 5)
      wakers.add(check)
      check()
    })
  }

  return {
    services,
    clock,
    dataDir,
    events,
    waits,
    retries,
    account: () => account,
    async send(text) {
      const { id } = unwrap(await api.invoke('conversations:create'))
      unwrap(await api.invoke('chat:send', { conversationId: id, text }))
      return id
    },
    async finished(conversationId) {
      let message: ChatMessage | undefined
      await until(() => {
        const event = events.find((candidate) => candidate.type === 'turn-finished')
        if (event?.type === 'turn-finished' && event.conversationId === conversationId) message = event.message
        return message !== undefined
      })
      return message as ChatMessage
    },
    shown: (conversationId) =>
      events.filter((event) => event.conversationId === conversationId).reduce(chatReducer, emptyThread(conversationId))
        .messages,
    until,
    async closeAndReadBack(conversationId) {
      await dispose()
      const store = await openConversationStore({ dataDir, log: () => {} })
      try {
        return await store.get(conversationId)
      } finally {
        await store.close()
      }
    },
    async remove() {
      await dispose()
      await rm(root, { recursive: true, force: true })
    },
  }
}

/** The answer's visible text: its text parts, joined. */
export function textOf(message: ChatMessage | undefined): string {
  return (message?.parts ?? []).map((part) => (part.kind === 'text' ? part.text : '')).join('')
}
