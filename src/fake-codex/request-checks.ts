/** The checks the real Responses endpoint applies to a request body (shared/protocol/codex.md §2.6). */

export type CheckResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; detail: string }

const UNSUPPORTED = ['max_output_tokens', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p']

export function checkResponsesBody(raw: string, isServedModel: (slug: string) => boolean): CheckResult {
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    return reject('Request body is not valid JSON.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return reject('Request body must be an object.')
  const fields = body as Record<string, unknown>
  if (fields.store !== false) return reject('Store must be set to false')
  if (typeof fields.instructions !== 'string' || fields.instructions === '') return reject('Instructions are required')
  if (fields.stream !== true) return reject('Stream must be set to true')
  for (const name of UNSUPPORTED) {
    if (name in fields) return reject(`Unsupported parameter: ${name}`)
  }
  if (typeof fields.previous_response_id === 'string') {
    return reject(`Previous response with id '${fields.previous_response_id}' not found.`)
  }
  if (typeof fields.model !== 'string' || !isServedModel(fields.model)) {
    return reject(`The '${String(fields.model)}' model is not supported when using Codex with a ChatGPT account.`)
  }
  if (!Array.isArray(fields.input)) return reject('Input must be a list.')
  const inputProblem = checkInput(fields.input)
  if (inputProblem) return reject(inputProblem)
  return { ok: true, body: fields }
}

function checkInput(input: unknown[]): string | null {
  const calls = new Set<string>()
  for (const item of input) {
    if (typeof item !== 'object' || item === null) return 'Input items must be objects.'
    const fields = item as Record<string, unknown>
    if (typeof fields.id === 'string') {
      return `Item with id '${fields.id}' not found. Items are not persisted when store is set to false. Try again with \`store\` set to true, or remove this item from your input.`
    }
    if (fields.type === 'item_reference') return 'Item references are not supported when store is set to false.'
    if (fields.type === 'function_call' && typeof fields.call_id === 'string') calls.add(fields.call_id)
    if (fields.type === 'function_call_output' && !calls.has(String(fields.call_id))) {
      return `No tool call found for function call output with call_id ${String(fields.call_id)}.`
    }
  }
  return null
}

function reject(detail: string): CheckResult {
  return { ok: false, status: 400, detail }
}

/** The text of the last user message, for the default echo answer. */
export function lastUserText(input: unknown): string {
  if (!Array.isArray(input)) return ''
  for (let index = input.length - 1; index >= 0; index--) {
    const item = input[index] as { type?: unknown; role?: unknown; content?: unknown }
    if (item?.type !== 'message' || item.role !== 'user' || !Array.isArray(item.content)) continue
    return item.content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('\n')
  }
  return ''
}
