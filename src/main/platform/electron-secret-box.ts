import { safeStorage } from 'electron'
import type { SecretBox } from './types'

/** safeStorage: the macOS Keychain, Windows DPAPI, or the Linux keyring. */
export function createElectronSecretBox(): SecretBox {
  return {
    // Linux without a keyring falls back to a hard-coded password ('basic_text'): that is not encryption.
    isAvailable: () =>
      safeStorage.isEncryptionAvailable() &&
      (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  }
}
