import type { Settings } from './domain'

export const DEFAULT_INSTRUCTIONS =
  'You are Codex Desk, a helpful assistant in a desktop chat app. Answer clearly; use Markdown where it helps.'

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  instructions: DEFAULT_INSTRUCTIONS,
  lastModel: null,
  lastEffort: null,
  // codex.md §0: waits a person can sit through (each capped at 60 s), and Codex's idle timeout.
  maxRetries: 5,
  retryBaseDelayMs: 1_000,
  streamIdleTimeoutMs: 300_000,
  modelsClientVersion: '1.0.0',
  workspace: null,
  allowPlainTokenStorage: false,
}
