import { z } from 'zod'
import type { TokenStorageMode } from '../../shared/domain'
import type { KeyValueStore, SecretBox } from '../platform/types'
import { type TokenSession, tokenSessionSchema } from './token-session'

const KEY = 'auth'

/** One blob under one key: either sealed by the SecretBox, or (only with the user's consent) plain. */
const storedBlobSchema = z.union([
  z.object({ version: z.literal(1), encrypted: z.string().min(1) }),
  z.object({ version: z.literal(1), plain: tokenSessionSchema }),
])

export interface TokenStoreDeps {
  secretBox: SecretBox
  config: KeyValueStore
  /** The user's consent to unencrypted storage where the OS offers no encryption. */
  allowPlain(): boolean
}

export interface LoadedSession {
  session: TokenSession | null
  /** Why a stored sign-in could not be used. */
  problem?: string
}

export interface TokenStore {
  mode(): TokenStorageMode
  load(): LoadedSession
  /** Writes the session as `mode()` allows; in `memory` mode it removes anything stored earlier. */
  save(session: TokenSession): void
  clear(): void
}

const UNREADABLE = 'Your saved sign-in could not be read on this computer. Sign in again.'

export function createTokenStore(deps: TokenStoreDeps): TokenStore {
  const { secretBox, config } = deps

  function mode(): TokenStorageMode {
    if (secretBox.isAvailable()) return 'encrypted'
    return deps.allowPlain() ? 'plain' : 'memory'
  }

  return {
    mode,
    load() {
      const stored = config.get(KEY)
      if (stored === undefined) return { session: null }
      const blob = storedBlobSchema.safeParse(stored)
      if (!blob.success) return { session: null, problem: UNREADABLE }
      if ('plain' in blob.data) return { session: blob.data.plain }
      if (!secretBox.isAvailable()) return { session: null, problem: UNREADABLE }
      try {
        const session = tokenSessionSchema.safeParse(
          JSON.parse(secretBox.decrypt(Buffer.from(blob.data.encrypted, 'base64'))),
        )
        return session.success ? { session: session.data } : { session: null, problem: UNREADABLE }
      } catch {
        // A new OS keyring or a replaced key file: the blob is noise now, never a reason to crash.
        return { session: null, problem: UNREADABLE }
      }
    },
    save(session) {
      switch (mode()) {
        case 'encrypted':
          config.set(KEY, { version: 1, encrypted: secretBox.encrypt(JSON.stringify(session)).toString('base64') })
          break
        case 'plain':
          config.set(KEY, { version: 1, plain: session })
          break
        case 'memory':
          config.delete(KEY)
          break
      }
    },
    clear() {
      config.delete(KEY)
    },
  }
}
