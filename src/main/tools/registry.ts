import type { ApprovalLevel } from '../../shared/tool-previews'
import type { FunctionToolSpec } from '../codex/types'
import { applyPatch } from './apply-patch'
import { listDirectory } from './list-directory'
import { enforceCap } from './output-cap'
import { readFile } from './read-file'
import { runCommand } from './run-command'
import { searchFiles } from './search-files'
import { getCurrentTime } from './time-tool'
import { type Tool, ToolError } from './types'
import { writeFile } from './write-file'

/** A function call the model completed (`output_item.done`), for the runner to execute. */
export interface ToolCallRequest {
  callId: string
  name: string
  /** The JSON string the model produced. */
  arguments: string
}

export interface ToolRunContext {
  workspace: string | null
  signal: AbortSignal
}

/** What a call produced, in the shape of a tool-call part; a failure is `Error: …` text the model can read. */
export interface ToolResult {
  state: 'done' | 'error'
  output: string
  error?: string
}

export interface ToolRegistry {
  /** The tools offered to the model: workspace tools only when a workspace is chosen. */
  specs(workspace: string | null): FunctionToolSpec[]
  /**
   * Whether a call waits for the person at this level. `ask-writes` asks for the tools that change files or run
   * commands; unknown tools never ask: they fail without running anything.
   */
  needsApproval(name: string, level: ApprovalLevel): boolean
  /** Never rejects. */
  execute(call: Pick<ToolCallRequest, 'name' | 'arguments'>, context: ToolRunContext): Promise<ToolResult>
}

export const builtinTools: readonly Tool[] = [
  getCurrentTime,
  listDirectory,
  readFile,
  searchFiles,
  writeFile,
  applyPatch,
  runCommand,
]

/** How long a tool that settles on abort gets to do so before the registry stops waiting for it anyway. */
const SETTLE_GRACE_MS = 10_000

class ToolTimeout extends Error {}

function parseArguments(text: string): unknown {
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new ToolError('The arguments are not valid JSON.')
  }
}

function failure(message: string): ToolResult {
  return { state: 'error', output: `Error: ${message}`, error: message }
}

/**
 * Races the handler against the turn's signal and the tool's timeout, so a handler that ignores its signal still
 * cannot hold the turn; the aborted signal tells the handler to release what it holds. A tool that settles on abort
 * is given a grace period to return what it has.
 */
async function invokeBounded(tool: Tool, args: unknown, context: ToolRunContext): Promise<string> {
  const controller = new AbortController()
  const abort = () => controller.abort(context.signal.reason)
  context.signal.addEventListener('abort', abort, { once: true })
  const timer = setTimeout(() => controller.abort(new ToolTimeout()), tool.timeoutMs)
  let grace: ReturnType<typeof setTimeout> | undefined
  const aborted = new Promise<never>((_, reject) => {
    const giveUp = () => reject(controller.signal.reason)
    const onAbort = () => {
      if (tool.settlesOnAbort) grace = setTimeout(giveUp, SETTLE_GRACE_MS)
      else giveUp()
    }
    controller.signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    const work = tool.invoke(args, {
      workspace: context.workspace,
      signal: controller.signal,
      outputCap: tool.outputCap,
    })
    // The loser of the race must not surface later as an unhandled rejection.
    work.catch(() => {})
    aborted.catch(() => {})
    return await Promise.race([work, aborted])
  } finally {
    clearTimeout(timer)
    clearTimeout(grace)
    context.signal.removeEventListener('abort', abort)
  }
}

export function createToolRegistry(tools: readonly Tool[] = builtinTools): ToolRegistry {
  const byName = new Map(tools.map((tool) => [tool.name, tool]))
  const offered = (workspace: string | null) => tools.filter((tool) => workspace !== null || !tool.needsWorkspace)

  return {
    specs: (workspace) =>
      offered(workspace).map((tool) => ({
        type: 'function',
        name: tool.name,
        description: tool.description,
        strict: false,
        parameters: tool.parameters,
      })),
    needsApproval(name, level) {
      const tool = byName.get(name)
      if (!tool || level === 'run-all') return false
      return level === 'ask-all' || tool.approval === 'ask'
    },
    async execute(call, context) {
      const tool = byName.get(call.name)
      if (!tool) return failure(`There is no tool named "${call.name}".`)
      if (tool.needsWorkspace && context.workspace === null) {
        return failure(`${call.name} needs a workspace folder; choose one with the folder button in the chat header.`)
      }
      if (context.signal.aborted) return failure('The tool call was cancelled.')
      try {
        const output = await invokeBounded(tool, parseArguments(call.arguments), context)
        return { state: 'done', output: enforceCap(output, tool.outputCap) }
      } catch (error) {
        if (error instanceof ToolError && error.output !== undefined) {
          return { state: 'error', output: enforceCap(error.output, tool.outputCap), error: error.message }
        }
        if (error instanceof ToolTimeout) return failure(`The tool timed out after ${tool.timeoutMs / 1000} s.`)
        if (context.signal.aborted) return failure('The tool call was cancelled.')
        if (error instanceof ToolError) return failure(error.message)
        return failure(error instanceof Error ? error.message : String(error))
      }
    },
  }
}
