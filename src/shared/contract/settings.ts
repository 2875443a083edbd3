import { z } from 'zod'
import type { Settings } from '../domain'
import { SETTING_BOUNDS } from '../settings'
import { APPROVAL_LEVELS } from '../tool-previews'
import { effortSchema, modelSlug, none, request } from './common'

const bounded = ({ min, max }: { min: number; max: number }) => z.number().int().min(min).max(max)

export const settingsPatchSchema = z
  .object({
    theme: z.enum(['light', 'dark', 'system']),
    instructions: z.string().max(100_000),
    lastModel: modelSlug.nullable(),
    lastEffort: effortSchema.nullable(),
    maxRetries: bounded(SETTING_BOUNDS.maxRetries),
    retryBaseDelayMs: bounded(SETTING_BOUNDS.retryBaseDelayMs),
    streamIdleTimeoutMs: bounded(SETTING_BOUNDS.streamIdleTimeoutMs),
    modelsClientVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
    workspace: z.string().min(1).max(4096).nullable(),
    allowPlainTokenStorage: z.boolean(),
    approvalLevel: z.enum(APPROVAL_LEVELS),
    maxToolRounds: bounded(SETTING_BOUNDS.maxToolRounds),
  })
  .partial()
  .strict()

export const settingsChannels = {
  'settings:get': request<Settings>()(none),
  'settings:update': request<Settings>()(settingsPatchSchema),
} as const

export interface SettingsEvents {
  'settings:changed': Settings
}
