import type { ChatMessage } from '../../shared/domain'
import { fail } from '../../shared/errors'
import { createRetryNow } from '../codex/retry'
import { createApprovals, type Decision } from './approvals'
import type { TurnControl, TurnPlan } from './turn-runner'

interface ActiveTurn {
  controller: AbortController
  control: TurnControl
  /** Settles when the turn (or its failed preparation) is over. */
  settled: Promise<void>
}

export interface ActiveTurns {
  /**
   * Claims the conversation (`busy` while a turn runs in it), prepares the turn (storing the user's message, say)
   * and starts it in the background. Resolves once it started; rejects when the preparation failed.
   */
  begin(conversationId: string, prepare: () => Promise<TurnPlan>): Promise<void>
  /** Stops the conversation's turn and resolves once it finished; nothing running is fine. */
  stop(conversationId: string): Promise<void>
  decide(conversationId: string, callId: string, decision: Decision): void
  /** Ends the running turn's wait before its next attempt; nothing waiting is fine (the wait may just have ended). */
  retryNow(conversationId: string): void
  isBusy(conversationId: string): boolean
  stopAll(): Promise<void>
}

export interface ActiveTurnsDeps {
  run(plan: TurnPlan, control: TurnControl): Promise<ChatMessage>
  /** A conversation was claimed (true) or freed (false): the `busy` of its summary. */
  onBusyChange(conversationId: string, busy: boolean): void
  log(message: string): void
}

/** One turn per conversation at a time; turns in different conversations run side by side. */
export function createActiveTurns({ run, onBusyChange, log }: ActiveTurnsDeps): ActiveTurns {
  const active = new Map<string, ActiveTurn>()

  async function stop(conversationId: string): Promise<void> {
    const turn = active.get(conversationId)
    if (!turn) return
    turn.controller.abort()
    // `settled` moves from the preparation to the run once the turn starts.
    while (active.get(conversationId) === turn) await turn.settled
  }

  return {
    async begin(conversationId, prepare) {
      if (active.has(conversationId)) fail('busy', 'A reply is still being written in this conversation.')
      const controller = new AbortController()
      const release = () => {
        if (active.get(conversationId) !== turn) return
        active.delete(conversationId)
        onBusyChange(conversationId, false)
      }
      const turn: ActiveTurn = {
        controller,
        control: { signal: controller.signal, approvals: createApprovals(), retryNow: createRetryNow(), release },
        settled: Promise.resolve(),
      }
      active.set(conversationId, turn)
      onBusyChange(conversationId, true)
      const preparing = prepare()
      turn.settled = preparing.then(
        () => {},
        () => {},
      )
      let plan: TurnPlan
      try {
        plan = await preparing
      } catch (error) {
        release()
        throw error
      }
      turn.settled = run(plan, turn.control)
        .then(
          () => {},
          (error: unknown) =>
            log(`A turn ended unexpectedly: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(release)
    },
    stop,
    decide(conversationId, callId, decision) {
      if (!active.get(conversationId)?.control.approvals.decide(callId, decision)) {
        fail('not-found', 'That tool call is no longer waiting for a decision.')
      }
    },
    retryNow(conversationId) {
      active.get(conversationId)?.control.retryNow.trigger()
    },
    isBusy: (conversationId) => active.has(conversationId),
    async stopAll() {
      await Promise.all([...active.keys()].map(stop))
    },
  }
}
