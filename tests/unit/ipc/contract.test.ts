import { describe, expect, it } from 'vitest'
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher'
import { type RequestChannel, requestChannels } from '../../../src/shared/ipc-contract'

const channels = Object.keys(requestChannels) as RequestChannel[]

/** Handlers that only record that they ran: what is under test is the dispatcher's gate in front of them. */
function recordingHandlers(calls: string[]): Handlers {
  return Object.fromEntries(
    channels.map((channel) => [
      channel,
      () => {
        calls.push(channel)
        return undefined
      },
    ]),
  ) as unknown as Handlers
}

describe('the IPC contract', () => {
  it.each(channels)('rejects a wrong-shaped payload on "%s" with a typed error and runs nothing', async (channel) => {
    const calls: string[] = []
    const dispatch = createDispatcher(recordingHandlers(calls))

    for (const payload of [{ unexpected: true }, 42, 'text', [1, 2]]) {
      const result = await dispatch(channel, payload)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.kind).toBe('invalid-payload')
        expect(result.error.message).toContain(channel)
      }
    }
    expect(calls).toEqual([])
  })

  it('rejects a channel that is not in the contract', async () => {
    const calls: string[] = []
    const result = await createDispatcher(recordingHandlers(calls))('account:steal-tokens', undefined)
    expect(result).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } })
    expect(calls).toEqual([])
  })

  it('passes a valid payload through to its handler', async () => {
    const calls: string[] = []
    const result = await createDispatcher(recordingHandlers(calls))('conversations:rename', {
      id: 'c1',
      title: 'Plans',
    })
    expect(result.ok).toBe(true)
    expect(calls).toEqual(['conversations:rename'])
  })

  it('turns a handler failure into a typed error instead of a crash', async () => {
    const handlers = recordingHandlers([])
    handlers['conversations:get'] = () => {
      throw new Error('disk on fire')
    }
    const result = await createDispatcher(handlers)('conversations:get', { id: 'c1' })
    expect(result).toEqual({ ok: false, error: { kind: 'internal', message: 'disk on fire' } })
  })

  it('refuses to open links that are not http or https', async () => {
    const calls: string[] = []
    const dispatch = createDispatcher(recordingHandlers(calls))
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share']) {
      expect(await dispatch('app:open-external', { url })).toMatchObject({
        ok: false,
        error: { kind: 'invalid-payload' },
      })
    }
    expect(await dispatch('app:open-external', { url: 'https://openai.com/' })).toMatchObject({ ok: true })
    expect(calls).toEqual(['app:open-external'])
  })
})
