/** `always`: approve, and let later calls of the same tool in the conversation run without asking. */
export type Decision = 'approve' | 'deny' | 'always'

/** Decides, for one turn, which calls wait for the person, and keeps their "Always allow". */
export interface ApprovalGate {
  needsApproval(toolName: string): boolean
  /** Later calls of the tool run without asking, in this turn and the conversation's next ones. */
  allowAlways(toolName: string): Promise<void>
}

/** The tool calls of one turn waiting for the user's decision (`tools:decide`). */
export interface Approvals {
  /** Resolves with the user's decision, or `deny` once the signal aborts (Stop, a failed reply). */
  wait(callId: string, signal: AbortSignal): Promise<Decision>
  /** False when no such call is waiting. */
  decide(callId: string, decision: Decision): boolean
}

export function createApprovals(): Approvals {
  const waiting = new Map<string, (decision: Decision) => void>()
  return {
    wait(callId, signal) {
      return new Promise((resolve) => {
        const settle = (decision: Decision) => {
          waiting.delete(callId)
          signal.removeEventListener('abort', onAbort)
          resolve(decision)
        }
        const onAbort = () => settle('deny')
        if (signal.aborted) return resolve('deny')
        signal.addEventListener('abort', onAbort, { once: true })
        waiting.set(callId, settle)
      })
    },
    decide(callId, decision) {
      const settle = waiting.get(callId)
      settle?.(decision)
      return settle !== undefined
    },
  }
}
