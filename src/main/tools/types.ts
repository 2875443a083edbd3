import { z } from 'zod'

/** Who decides whether a call runs: `auto` runs at once, `ask` waits for the user's approval. */
export type ApprovalPolicy = 'auto' | 'ask'

export interface ToolContext {
  /** The real path of the chosen workspace; null when none is chosen (workspace tools are then not offered). */
  workspace: string | null
  /** Aborted on Stop, on timeout and when the turn fails; handlers must release what they hold. */
  signal: AbortSignal
  /** Characters of output the registry will keep; lets a handler avoid producing far more. */
  outputCap: number
}

/** A tool as the registry holds it: its arguments are validated inside `invoke`, so no `any` crosses over. */
export interface Tool {
  name: string
  description: string
  /** JSON schema of the arguments object (protocol/codex.md §2.5). */
  parameters: Record<string, unknown>
  approval: ApprovalPolicy
  needsWorkspace: boolean
  timeoutMs: number
  outputCap: number
  /**
   * The handler ends soon after its signal aborts and returns what it has (a command's output so far), so the
   * registry waits for it instead of abandoning it at once. Unset: the registry stops waiting at the abort.
   */
  settlesOnAbort?: boolean
  invoke(args: unknown, context: ToolContext): Promise<string>
}

/**
 * A failure whose message is meant for the model (and the user), e.g. a path outside the workspace. `output`, when
 * given, is what the model reads instead of the bare message: a stopped command's output so far, with its note.
 */
export class ToolError extends Error {
  readonly output?: string
  constructor(message: string, options: { output?: string } = {}) {
    super(message)
    this.name = 'ToolError'
    if (options.output !== undefined) this.output = options.output
  }
}

export interface ToolDefinition<Schema extends z.ZodType> extends Omit<Tool, 'parameters' | 'invoke'> {
  args: Schema
  run(args: z.output<Schema>, context: ToolContext): Promise<string>
}

/** Derives the JSON schema from the zod schema that validates the model's arguments, so they never disagree. */
export function defineTool<Schema extends z.ZodType>(definition: ToolDefinition<Schema>): Tool {
  const { args, run, ...rest } = definition
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(args) as Record<string, unknown>
  return {
    ...rest,
    parameters,
    invoke(raw, context) {
      const parsed = args.safeParse(raw)
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`)
        throw new ToolError(`Invalid arguments for ${definition.name}: ${issues.join('; ')}`)
      }
      return run(parsed.data, context)
    },
  }
}
