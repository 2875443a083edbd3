import type { Settings } from './domain'

export const DEFAULT_INSTRUCTIONS =
  'You are Codex Desk, a helpful assistant in a desktop chat app. Answer clearly; use Markdown where it helps.'

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  instructions: DEFAULT_INSTRUCTIONS,
  lastModel: null,
  lastEffort: null,
  maxRetries: 10,
  retryBaseDelayMs: 5_000,
  streamIdleTimeoutMs: 60_000,
  modelsClientVersion: '1.0.0',
  workspace: null,
  allowPlainTokenStorage: false,
}
