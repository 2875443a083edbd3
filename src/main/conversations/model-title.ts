import type { ChatMessage, ReadonlyMessage, UsageLimits } from '../../shared/domain'
import { cleanTitle, titleModel, titleRequest } from '../chat/title-prompt'
import { askForText } from '../codex/ask-for-text'
import type { CodexClient } from '../codex/types'
import type { ModelList } from '../models/model-list'
import type { ConversationStore } from '../ports'
import { hasAutomaticTitle } from '../storage/auto-title'

export interface ModelTitlesDeps {
  client: CodexClient
  store: ConversationStore
  models: ModelList
  onUsageLimits(limits: Partial<UsageLimits>): void
  log(message: string): void
}

export interface ModelTitles {
  /**
   * After a turn: when it was the conversation's first answer, finished well, asks the model for a short title in a
   * small request of its own, and sets it unless the user renamed the conversation meanwhile. Never rejects.
   */
  afterAnswer(conversationId: string, history: readonly ReadonlyMessage[], answer: ChatMessage): Promise<void>
  /** Abandons the title requests under way. */
  dispose(): Promise<void>
}

export function createModelTitles(deps: ModelTitlesDeps): ModelTitles {
  const running = new Map<AbortController, Promise<void>>()

  async function writeTitle(
    conversationId: string,
    question: ReadonlyMessage,
    answer: ChatMessage,
    signal: AbortSignal,
  ) {
    // A title the user chose stands: no request for one that would not be used.
    const conversation = await deps.store.get(conversationId)
    if (!hasAutomaticTitle(conversation)) return
    const model = titleModel(await deps.models.settled(), conversation.model)
    if (!model) return
    const text = await askForText(deps.client, titleRequest(model, question, answer, conversationId), {
      signal,
      onUsageLimits: deps.onUsageLimits,
    })
    const title = cleanTitle(text)
    if (title && !signal.aborted) await deps.store.setModelTitle(conversationId, title)
  }

  return {
    afterAnswer(conversationId, history, answer) {
      const questions = history.filter((message) => message.role === 'user')
      const question = questions[0]
      if (answer.state !== 'done' || questions.length !== 1 || !question) return Promise.resolve()
      const controller = new AbortController()
      const done = writeTitle(conversationId, question, answer, controller.signal)
        .catch((error: unknown) => {
          if (!controller.signal.aborted) {
            deps.log(`No title from the model: ${error instanceof Error ? error.message : String(error)}`)
          }
        })
        .finally(() => running.delete(controller))
      running.set(controller, done)
      return done
    },
    async dispose() {
      for (const controller of running.keys()) controller.abort()
      await Promise.all(running.values())
    },
  }
}
