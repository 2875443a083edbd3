import { z } from 'zod'
import { defineTool, type Tool } from './types'

export const getCurrentTime: Tool = defineTool({
  name: 'get_current_time',
  description: "Get the current date and time on the user's computer, with its time zone.",
  args: z.object({}).strict(),
  approval: 'auto',
  needsWorkspace: false,
  timeoutMs: 1_000,
  outputCap: 1_024,
  async run() {
    const now = new Date()
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    return `${now.toISOString()} (local: ${now.toString()}, time zone: ${zone})`
  },
})
