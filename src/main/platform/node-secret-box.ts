import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretBox } from './types'

const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * The harness's stand-in for safeStorage: AES-256-GCM under a random key in `<dataDir>/secret.key` (0600). It keeps
 * tokens out of the config file in clear; it is only as safe as the data folder's permissions.
 */
export function createNodeSecretBox(dataDir: string): SecretBox {
  const keyFile = join(dataDir, 'secret.key')
  let key: Buffer | undefined

  // Read lazily, so a process that never touches a secret never creates the key file.
  function loadKey(): Buffer {
    key ??= readOrCreateKey(dataDir, keyFile)
    return key
  }

  return {
    isAvailable: () => true,
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', loadKey(), iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decrypt(sealed) {
      if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('The sealed secret is too short.')
      const decipher = createDecipheriv('aes-256-gcm', loadKey(), sealed.subarray(0, IV_BYTES))
      decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    },
  }
}

function readOrCreateKey(dataDir: string, keyFile: string): Buffer {
  try {
    const existing = readFileSync(keyFile)
    if (existing.length === KEY_BYTES) return existing
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  // Missing or damaged: whatever a damaged key sealed is lost either way, so start over with a new key.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const fresh = randomBytes(KEY_BYTES)
  writeFileSync(keyFile, fresh, { mode: 0o600 })
  chmodSync(keyFile, 0o600)
  return fresh
}
