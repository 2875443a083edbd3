import { z } from 'zod'
import type { AppInfo } from '../domain'
import { none, request } from './common'

/** The app itself: what it is, and the doors out of it (the data folder, a web link). */
export const appChannels = {
  'app:info': request<AppInfo>()(none),
  'app:open-data-folder': request<void>()(none),
  /** The OS folder dialog (desktop shell only); null when the person cancelled. */
  'app:choose-folder': request<string | null>()(none),
  'app:open-external': request<void>()(z.object({ url: z.url({ protocol: /^https?$/ }) }).strict()),
} as const

export type AppEvents = Record<never, never>
