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
  approvalLevel: 'ask-writes',
  maxToolRounds: 25,
  allowPlainTokenStorage: false,
}

/** The range each number setting may take: main validates against it, and the Settings form offers no more. */
export const SETTING_BOUNDS = {
  maxRetries: { min: 0, max: 100 },
  retryBaseDelayMs: { min: 0, max: 600_000 },
  streamIdleTimeoutMs: { min: 1_000, max: 3_600_000 },
  maxToolRounds: { min: 1, max: 200 },
} as const satisfies Partial<Record<keyof Settings, { min: number; max: number }>>
