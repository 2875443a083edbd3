/**
 * The words of compaction (protocol/codex.md §0, "context window"): what the model is asked when older messages are
 * summarised, and how the summary is introduced when it stands in for them. Adapted from the Codex CLI's
 * `templates/compact/`. The fake backend recognises a summarisation request by these instructions.
 */

export const SUMMARIZATION_INSTRUCTIONS = `You are compacting a conversation so it can go on within the model's context window. Write a handoff summary of the conversation you are given, for the assistant that will continue it without seeing those messages.

Include:
- what the user wants and asked for
- what was answered, decided or done so far, with the key facts, names, numbers and code it relied on
- the user's preferences and constraints
- what is still open

Be concise and structured. Write only the summary.`

/** The last input item of a summarisation request, so the model answers with the summary, not the next reply. */
export const SUMMARIZATION_REQUEST = 'Summarise the conversation above now, following your instructions.'

export const SUMMARY_PREFIX =
  'The older part of this conversation no longer fits in your context, so it was summarised. Use this summary of it as if you had read those messages:'
