import { describe, expect, it } from 'vitest'
import type { ReadonlyConversation } from '../../../src/shared/domain'
import { assistantMessage, newChat, openStore, tempDataDir, userMessage } from './support'

/** Writes through a reference the compiler is told nothing about, as a careless caller would at run time. */
function writable(value: unknown): Record<string, unknown> & unknown[] {
  return value as Record<string, unknown> & unknown[]
}

async function chatWithAnswer() {
  const store = await openStore(await tempDataDir())
  const { id } = await store.create(newChat)
  await store.appendUserMessage(id, userMessage('What is in the readme?'))
  await store.recordAssistantMessage(id, assistantMessage([{ kind: 'text', text: 'A title.' }]), { flush: true })
  return { store, id }
}

describe('the conversation main reads from storage', () => {
  it('cannot be changed by a caller, so the next reader sees what is stored', async () => {
    const { store, id } = await chatWithAnswer()
    const got: ReadonlyConversation = await store.get(id)
    const stored = structuredClone(got)

    // @ts-expect-error the compiler forbids changing what get returned
    expect(() => got.messages.push(userMessage('Injected'))).toThrow(TypeError)
    // @ts-expect-error at any depth
    expect(() => (got.messages[1].parts[0] = { kind: 'text', text: 'Changed' })).toThrow(TypeError)
    expect(() => {
      writable(got).title = 'Changed'
    }).toThrow(TypeError)
    expect(() => {
      writable(got.messages[0].parts[0]).text = 'Changed'
    }).toThrow(TypeError)

    expect(await store.get(id)).toEqual(stored)
  })

  it('stays as it was when the conversation is written after it was read', async () => {
    const { store, id } = await chatWithAnswer()
    const got = await store.get(id)
    const stored = structuredClone(got)

    await store.appendUserMessage(id, userMessage('And the licence?'))
    await store.rename(id, 'Readme')

    expect(got).toEqual(stored)
    const later = await store.get(id)
    expect(later.messages).toHaveLength(3)
    expect(later.title).toBe('Readme')
  })

  it('is not changed by the writer changing the message it handed in', async () => {
    const { store, id } = await chatWithAnswer()
    const answer = assistantMessage([{ kind: 'text', text: 'Partial' }], { state: 'streaming' })
    await store.recordAssistantMessage(id, answer, { flush: false })

    answer.parts[0] = { kind: 'text', text: 'Changed' }

    expect((await store.get(id)).messages.at(-1)?.parts).toEqual([{ kind: 'text', text: 'Partial' }])
  })
})
