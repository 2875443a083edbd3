import { mkdirSync } from 'node:fs'
import { createNodeConfigStore } from '../main/platform/node-config-store'
import { createNodeDesktop } from '../main/platform/node-desktop'
import { createNodeSecretBox } from '../main/platform/node-secret-box'
import type { Platform } from '../main/platform/types'

export function createNodePlatform(options: {
  dataDir: string
  appVersion: string
  log: (message: string) => void
}): Platform {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  return {
    shell: 'web',
    appVersion: options.appVersion,
    dataDir: options.dataDir,
    secretBox: createNodeSecretBox(options.dataDir),
    config: createNodeConfigStore(options.dataDir),
    desktop: createNodeDesktop(options.log),
  }
}
