/** What the services need from the host (Electron, or Node in the web harness and tests). */

/** Encrypts small secrets: Electron's safeStorage, or AES-256-GCM under a key file in the harness. */
export interface SecretBox {
  /** False where the OS offers no encryption (Linux without a keyring). */
  isAvailable(): boolean
  encrypt(plain: string): Buffer
  decrypt(cipher: Buffer): string
}

/** A small persisted key-value document: electron-store in the app, a JSON file in the harness. */
export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

export interface Desktop {
  /** Opens an http(s) URL in the user's browser. */
  openExternal(url: string): Promise<void>
  openPath(path: string): Promise<void>
  /** Asks where to save a file; resolves to the path, or null when the user cancelled. Absent in the harness, where the page downloads the file. */
  chooseSaveLocation?(suggestedName: string): Promise<string | null>
  /** The OS folder dialog; resolves to the folder, or null when the user cancelled. Absent in the harness, where the page asks for a path. */
  chooseFolder?(): Promise<string | null>
}

export interface Platform {
  shell: 'electron' | 'web'
  appVersion: string
  dataDir: string
  secretBox: SecretBox
  config: KeyValueStore
  desktop: Desktop
}
