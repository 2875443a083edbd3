import { describe, expect, it } from 'vitest'
import { setupChat } from '../chat/support/setup'

/** An export of `count` short messages (200,000 make about 30 MB, the size that froze main for seconds). */
function largeExport(count: number): string {
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    createdAt: 1_700_000_000_000 + i,
    parts: [{ kind: 'text', text: `message ${i}, a few words long` }],
    state: 'done',
  }))
  const conversation = {
    ...{ id: 'x', title: 'Large', createdAt: 1, updatedAt: 2, pinned: false, model: 'gpt-5.4', effort: null },
    ...{ messageCount: count, preview: '', workspace: null, messages },
  }
  return JSON.stringify({ format: 'codex-desk.conversation', version: 1, conversation })
}

describe('importing a large export', () => {
  it('answers the conversation list while the file is still being checked, and reports how far it got', async () => {
    const { harness } = await setupChat()
    const log: string[] = []
    let asked = false
    harness.events.on('conversations:import-progress', ({ done, total }) => {
      log.push(`checked ${done} of ${total}`)
      if (asked) return
      asked = true
      void harness.call('conversations:list', undefined).then((list) => log.push(`listed ${list.total}`))
    })

    const imported = await harness.call('conversations:import', { content: largeExport(200_000) })

    expect(imported).toMatchObject({ title: 'Large', messageCount: 200_000 })
    expect(log[0]).toBe('checked 2000 of 200000')
    // Checked in main's thread, every progress event would come in one go before the list could be answered.
    expect(log.indexOf('listed 1')).toBeGreaterThan(0)
    expect(log.indexOf('listed 1')).toBeLessThan(log.indexOf('checked 200000 of 200000'))
    expect(log.filter((line) => line.startsWith('checked'))).toHaveLength(100)
  }, 180_000)

  it('refuses a file nested thousands of levels deep as not an export, from inside the worker', async () => {
    const { harness } = await setupChat()
    const deep = `{"format":"codex-desk.conversation","version":1,"conversation":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`

    await expect(harness.call('conversations:import', { content: deep })).rejects.toMatchObject({
      error: { kind: 'import-invalid', message: expect.stringMatching(/nests data more than 64 levels/) },
    })
    expect((await harness.call('conversations:list', undefined)).entries).toHaveLength(1)
  })
})
