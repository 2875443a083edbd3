/**
 * The words of a conversation's title request: after the first answer, the model is asked for a short title in a
 * small request of its own. The fake backend recognises a title request by these instructions.
 */
import type { ModelSpec, ReadonlyMessage } from '../../shared/domain'
import type { ResponsesRequest } from '../codex/types'
import { messageText } from '../storage/text'

export const TITLE_INSTRUCTIONS =
  'Write a title for the conversation you are given: at most six words, in the language of the user, naming its ' +
  'subject. Answer with the title alone, without quotes or a final full stop.'

/** Enough of each message to tell what the conversation is about; the rest would only cost tokens. */
const EXCERPT_CHARS = 1_500
const MAX_TITLE_CHARS = 60

/** The cheapest model the list serves (a `mini` one when there is one), else the conversation's own. */
export function titleModel(models: readonly ModelSpec[], conversationModel: string): ModelSpec | undefined {
  return models.find((model) => model.id.includes('mini')) ?? models.find((model) => model.id === conversationModel)
}

export function titleRequest(
  model: ModelSpec,
  question: ReadonlyMessage,
  answer: ReadonlyMessage,
  conversationId: string,
): ResponsesRequest {
  const excerpt = (message: ReadonlyMessage) => messageText(message).slice(0, EXCERPT_CHARS)
  const lowest = model.efforts[0]
  return {
    model: model.id,
    instructions: TITLE_INSTRUCTIONS,
    input: [
      {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: `The user wrote:\n${excerpt(question)}\n\nThe assistant answered:\n${excerpt(answer)}`,
          },
        ],
      },
    ],
    tools: [],
    parallelToolCalls: false,
    reasoning: model.capabilities.reasoning && lowest ? { effort: lowest, summary: 'auto' } : null,
    conversationId,
  }
}

/** The model's answer as a title: one line, no quotes or final stop, not too long; null when nothing is left. */
export function cleanTitle(text: string): string | null {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? ''
  const title = line
    .trim()
    .replace(/^(title:\s*)/i, '')
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '')
    .replace(/[.。]+$/, '')
    .trim()
  if (title === '') return null
  return title.length > MAX_TITLE_CHARS ? `${title.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…` : title
}
