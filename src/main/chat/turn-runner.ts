/**
 * One turn: stream the answer, run the tools the model calls, send their outputs back and stream again, until the
 * model answers without calling tools. Every round adds to the same assistant message; the turn always ends with
 * a `turn-finished` carrying the message in a final state, whatever went wrong.
 */
import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import type {
  ChatEvent,
  ChatMessage,
  Compaction,
  MessageState,
  ReadonlyMessage,
  ReasoningEffort,
  TokenUsage,
  UsageLimits,
} from '../../shared/domain'
import { type AppError, toAppError } from '../../shared/errors'
import type { RetryNow } from '../codex/retry'
import type { CodexClient, ResponsesRequest, StreamOutcome } from '../codex/types'
import type { ConversationStore } from '../ports'
import { previewToolCall, type ToolCallRequest, type ToolRegistry } from '../tools'
import type { ApprovalGate, Approvals } from './approvals'
import { type Assembly, startAssembly, startRound } from './assembly'
import { createContextKeeper } from './compaction'
import { DENIED_OUTPUT, INTERRUPTED_OUTPUT, STOPPED_OUTPUT } from './input-builder'
import { type AssemblerOptions, applyStreamEvent, type Step, updateToolCall } from './message-assembler'

export interface TurnDeps {
  client: CodexClient
  tools: ToolRegistry
  store: ConversationStore
  emit(event: ChatEvent): void
  onUsageLimits(limits: Partial<UsageLimits>): void
  log(message: string): void
  /** Where the answer goes as it changes (the live answer and its writer), in step with `emit`. */
  answer: AnswerSink
}

export interface AnswerSink {
  /** The answer after a change (the events announcing it are already out). */
  update(message: ChatMessage): void
  /** The answer in its final state; resolves once it is on disk. */
  finish(message: ChatMessage): Promise<void>
  /** `turn-finished` is out: the renderer holds the final answer, nothing is live any more. */
  close(): void
}

export interface TurnPlan {
  conversationId: string
  /** The conversation up to and including the user message being answered. */
  history: readonly ReadonlyMessage[]
  /** The user message this turn added (send, edit), announced with `turn-started`. */
  userMessage?: ChatMessage
  /** Everything of the request but its input, which grows with each round. */
  request: Omit<ResponsesRequest, 'input'>
  effort: ReasoningEffort | null
  /** The conversation's workspace (its real path); null: no workspace tools. */
  workspace: string | null
  /** Which calls wait for the person (the conversation's approval level and its "Always allow"s). */
  approval: ApprovalGate
  /** Rounds with tool calls before the answer is cut short (`tool_call_limit`). */
  maxToolRounds: number
  /** The model's context window in tokens; null when the model is unknown. */
  contextWindow: number | null
  /** The summary that stands in for the older messages in requests, if the conversation has one. */
  compaction: Compaction | null
}

export interface TurnControl {
  /** Stop: aborts the request, running tools and pending approvals. */
  signal: AbortSignal
  approvals: Approvals
  /** "Retry now": ends the wait before the next attempt early. */
  retryNow: RetryNow
  /** Frees the conversation; called before `turn-finished` so a renderer reacting to it can send at once. */
  release(): void
}

interface Ending {
  state: Exclude<MessageState, 'streaming'>
  error?: AppError
  incompleteReason?: string
}

function addUsage(total: TokenUsage | undefined, more: TokenUsage | undefined): TokenUsage | undefined {
  if (!more) return total
  if (!total) return more
  return {
    inputTokens: total.inputTokens + more.inputTokens,
    cachedInputTokens: total.cachedInputTokens + more.cachedInputTokens,
    outputTokens: total.outputTokens + more.outputTokens,
    reasoningOutputTokens: total.reasoningOutputTokens + more.reasoningOutputTokens,
    totalTokens: total.totalTokens + more.totalTokens,
  }
}

/** Resolves with the finished message; never rejects. */
export async function runTurn(deps: TurnDeps, plan: TurnPlan, control: TurnControl): Promise<ChatMessage> {
  const { conversationId } = plan
  let assembly: Assembly = startAssembly(conversationId, {
    id: randomUUID(),
    role: 'assistant',
    createdAt: Date.now(),
    parts: [],
    state: 'streaming',
    model: plan.request.model,
    ...(plan.effort ? { effort: plan.effort } : {}),
  })
  const assemblerOptions: AssemblerOptions = {
    initialToolState: (name) => (plan.approval.needsApproval(name) ? 'pending-approval' : 'running'),
  }
  let usage: TokenUsage | undefined
  const context = createContextKeeper(
    { client: deps.client, store: deps.store, emit: deps.emit, onUsageLimits: deps.onUsageLimits, log: deps.log },
    { ...plan, messageId: assembly.message.id },
  )
  const conversationSoFar = () => [...plan.history, assembly.message]

  const apply = (step: Step) => {
    assembly = step.assembly
    if (step.events.length === 0) return
    for (const event of step.events) deps.emit(event)
    deps.answer.update(assembly.message)
  }

  /** Shows the person what the call would do, then waits for their decision (already taken if they were quick). */
  async function decide(call: ToolCallRequest, signal: AbortSignal) {
    const decided = control.approvals.wait(call.callId, signal)
    const preview = await previewToolCall(plan.workspace, call).catch((error: unknown) => ({
      kind: 'invalid' as const,
      error: `Could not show what this call would do: ${error instanceof Error ? error.message : String(error)}`,
    }))
    apply(updateToolCall(assembly, call.callId, { preview }))
    const decision = await decided
    if (decision === 'always') {
      await plan.approval
        .allowAlways(call.name)
        .catch((error: unknown) => deps.log(`Could not keep "Always allow": ${error}`))
      // "Always" covers the other calls of that tool already waiting in this answer too.
      for (const part of assembly.message.parts) {
        if (part.kind === 'tool-call' && part.name === call.name && part.state === 'pending-approval') {
          control.approvals.decide(part.callId, 'approve')
        }
      }
    }
    return decision
  }

  async function runToolCall(call: ToolCallRequest, signal: AbortSignal): Promise<void> {
    // Asked when the call completed (its part's state), so a later "Always allow" does not skip a card on screen.
    const asked = assembly.message.parts.some(
      (part) => part.kind === 'tool-call' && part.callId === call.callId && part.state === 'pending-approval',
    )
    if (asked) {
      const decision = await decide(call, signal)
      if (decision === 'deny') {
        const output = !signal.aborted ? DENIED_OUTPUT : control.signal.aborted ? STOPPED_OUTPUT : INTERRUPTED_OUTPUT
        apply(updateToolCall(assembly, call.callId, { state: 'denied', output }))
        return
      }
      apply(updateToolCall(assembly, call.callId, { state: 'running' }))
    }
    const result = await deps.tools.execute(call, { workspace: plan.workspace, signal })
    apply(updateToolCall(assembly, call.callId, result))
  }

  /** Streams one request; tools start as soon as their call is complete, while the answer still streams. */
  async function runRound(): Promise<{ outcome: StreamOutcome; calledTools: boolean }> {
    const input = await context.inputFor(conversationSoFar(), control.signal)
    assembly = startRound(assembly)
    let toolsControl = toolsController()
    const stopTools = () => toolsControl.abort()
    control.signal.addEventListener('abort', stopTools, { once: true })
    const calls: Promise<void>[] = []
    try {
      const outcome = await deps.client.stream(
        { ...plan.request, input },
        {
          signal: control.signal,
          onEvent(event) {
            const step = applyStreamEvent(assembly, event, assemblerOptions)
            if (step.replaced) {
              // The calls of the broken attempt are gone from the answer; the re-sent request asks anew.
              toolsControl.abort()
              toolsControl = toolsController()
            }
            apply(step)
            if (step.toolCall) calls.push(runToolCall(step.toolCall, toolsControl.signal))
          },
          onRetry(notice) {
            deps.emit({ type: 'retrying', conversationId, messageId: assembly.message.id, ...notice })
          },
          onUsageLimits: deps.onUsageLimits,
          retryNow: control.retryNow,
        },
      )
      await Promise.all(calls)
      return { outcome, calledTools: calls.length > 0 }
    } catch (error) {
      // A failed reply must not leave tools running or approvals hanging; their outcome stays in the message.
      toolsControl.abort()
      await Promise.all(calls)
      throw error
    } finally {
      control.signal.removeEventListener('abort', stopTools)
    }
  }

  async function loop(): Promise<Ending> {
    for (let round = 1; ; round++) {
      control.signal.throwIfAborted()
      const { outcome, calledTools } = await context.withinWindow(runRound, conversationSoFar, control.signal)
      usage = addUsage(usage, outcome.usage)
      context.measured(outcome.usage)
      control.signal.throwIfAborted()
      if (outcome.status === 'incomplete') return { state: 'incomplete', incompleteReason: outcome.incompleteReason }
      if (!calledTools) return { state: 'done' }
      if (round >= plan.maxToolRounds) return { state: 'incomplete', incompleteReason: 'tool_call_limit' }
    }
  }

  deps.emit({ type: 'turn-started', conversationId, userMessage: plan.userMessage, assistantMessage: assembly.message })
  deps.answer.update(assembly.message)

  let ending: Ending
  try {
    ending = await loop()
  } catch (error) {
    ending = control.signal.aborted ? { state: 'cancelled' } : { state: 'error', error: toAppError(error) }
  }
  const contextUse = context.use()
  const message: ChatMessage = {
    ...assembly.message,
    ...ending,
    ...(usage ? { usage } : {}),
    ...(contextUse ? { context: contextUse } : {}),
  }
  await deps.answer.finish(message)
  control.release()
  deps.emit({ type: 'turn-finished', conversationId, message })
  deps.answer.close()
  return message
}

/**
 * Stops the tools of one round. Every call of the round listens to it (its approval wait, its process), and a model
 * may ask for dozens of calls at once: Node's warning about more than ten listeners would be a false alarm here.
 */
function toolsController(): AbortController {
  const controller = new AbortController()
  setMaxListeners(0, controller.signal)
  return controller
}
