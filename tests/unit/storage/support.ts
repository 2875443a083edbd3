import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { ConversationStore } from '../../../src/main/ports'
import { openConversationStore, type StoreOptions } from '../../../src/main/storage/store'
import type { ChatMessage, Conversation, MessagePart } from '../../../src/shared/domain'

const dirs: string[] = []
const stores: ConversationStore[] = []

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close().catch(() => undefined)))
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

/** A fresh data folder, removed after the test. */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codex-desk-storage-'))
  dirs.push(dir)
  return dir
}

/** Opens a store that is closed after the test (closing twice is harmless). */
export async function openStore(
  dataDir: string,
  options: Omit<StoreOptions, 'dataDir'> = {},
): Promise<ConversationStore> {
  const store = await openConversationStore({ dataDir, ...options })
  stores.push(store)
  return store
}

let counter = 0

export function userMessage(text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `user-${++counter}`,
    role: 'user',
    createdAt: 1_700_000_000_000 + counter,
    parts: [{ kind: 'text', text }],
    state: 'done',
    ...extra,
  }
}

export function assistantMessage(parts: MessagePart[], extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `assistant-${++counter}`,
    role: 'assistant',
    createdAt: 1_700_000_000_000 + counter,
    parts,
    state: 'done',
    model: 'gpt-5.4',
    ...extra,
  }
}

export function conversation(id: string, messages: ChatMessage[], extra: Partial<Conversation> = {}): Conversation {
  const createdAt = messages[0]?.createdAt ?? 1_700_000_000_000
  return {
    id,
    title: `Conversation ${id}`,
    createdAt,
    updatedAt: messages.at(-1)?.createdAt ?? createdAt,
    pinned: false,
    model: 'gpt-5.4',
    effort: 'medium',
    messageCount: messages.length,
    preview: '',
    workspace: null,
    messages,
    compactions: [],
    ...extra,
  }
}

export const newChat = { model: 'gpt-5.4', effort: 'medium', workspace: null } as const
