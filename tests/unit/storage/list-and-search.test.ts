import { describe, expect, it } from 'vitest'
import { seedConversations } from '../../../src/main/storage/seed'
import type { Conversation } from '../../../src/shared/domain'
import { assistantMessage, conversation, newChat, openStore, tempDataDir, userMessage } from './support'

/** 1,000 conversations; every 100th mentions the word "zeppelin", every 250th is pinned. */
function thousandConversations(): Conversation[] {
  return Array.from({ length: 1_000 }, (_, i) => {
    const at = 1_700_000_000_000 + i * 1_000
    const question = userMessage(`Question number ${i} about ${i % 100 === 0 ? 'the Zeppelin museum' : 'cooking'}`, {
      createdAt: at,
    })
    const answer = assistantMessage([{ kind: 'text', text: `Answer ${i}.` }], { createdAt: at + 10 })
    return conversation(`c${i}`, [question, answer], { title: `Chat ${i}`, pinned: i % 250 === 0 })
  })
}

describe('sidebar list and search', () => {
  it('lists 1,000 conversations pinned first, then newest first', async () => {
    const dataDir = await tempDataDir()
    await seedConversations(dataDir, thousandConversations())
    const store = await openStore(dataDir)

    const ids = store.list().map((summary) => summary.id)
    expect(ids).toHaveLength(1_000)
    expect(ids.slice(0, 5)).toEqual(['c750', 'c500', 'c250', 'c0', 'c999'])
    expect(ids.at(-1)).toBe('c1')
  })

  it('summarises each conversation in the list', async () => {
    const dataDir = await tempDataDir()
    await seedConversations(dataDir, thousandConversations())
    const store = await openStore(dataDir)

    expect(store.list().find((summary) => summary.id === 'c42')).toEqual({
      id: 'c42',
      title: 'Chat 42',
      createdAt: 1_700_000_042_000,
      updatedAt: 1_700_000_042_010,
      pinned: false,
      model: 'gpt-5.4',
      effort: 'medium',
      messageCount: 2,
      preview: 'Answer 42.',
    })
  })

  it('finds the conversations that mention a word, whatever its case', async () => {
    const dataDir = await tempDataDir()
    await seedConversations(dataDir, thousandConversations())
    const store = await openStore(dataDir)

    const hits = await store.search('zePPelin')
    expect(hits.map((hit) => hit.conversation.id)).toEqual([
      'c500',
      'c0',
      'c900',
      'c800',
      'c700',
      'c600',
      'c400',
      'c300',
      'c200',
      'c100',
    ])
    expect(hits[0].snippet).toBe('Question number 500 about the Zeppelin museum')
  })

  it('finds a conversation by its title', async () => {
    const dataDir = await tempDataDir()
    await seedConversations(dataDir, thousandConversations())
    const store = await openStore(dataDir)

    expect((await store.search('chat 777')).map((hit) => [hit.conversation.id, hit.snippet])).toEqual([
      ['c777', 'Chat 777'],
    ])
  })

  it('finds a message sent after the first search', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create(newChat)
    expect(await store.search('aubergine')).toEqual([])

    await store.appendUserMessage(id, userMessage('How do I grill an aubergine?'))

    expect((await store.search('aubergine')).map((hit) => hit.conversation.id)).toEqual([id])
  })

  it('shows the words around a match in a long message', async () => {
    const dataDir = await tempDataDir()
    const store = await openStore(dataDir)
    const { id } = await store.create(newChat)
    const filler = 'word '.repeat(60)
    await store.appendUserMessage(id, userMessage(`${filler}the needle is here ${filler}`))

    const [hit] = await store.search('NEEDLE')
    expect(hit.snippet).toMatch(/^…(word )+the needle is here( word)+…$/)
    expect(hit.snippet.length).toBeLessThan(140)
  })
})
