/** Headers and body of a Responses request, exactly as shared/protocol/codex.md §0 and §2 decide them. */
import type { ClientIdentity } from '../client-identity'
import type { AccessCredentials } from '../ports'
import type { FunctionToolSpec, InputItem, ResponsesRequest } from './types'

/** The headers every backend call carries (`/responses` and `/models`). */
export function authHeaders(credentials: AccessCredentials, identity: ClientIdentity): Record<string, string> {
  return {
    authorization: `Bearer ${credentials.accessToken}`,
    'chatgpt-account-id': credentials.accountId,
    originator: identity.originator,
    'user-agent': identity.userAgent,
  }
}

export function responsesHeaders(
  credentials: AccessCredentials,
  identity: ClientIdentity,
  conversationId: string,
): Record<string, string> {
  return {
    ...authHeaders(credentials, identity),
    'openai-beta': 'responses=experimental',
    accept: 'text/event-stream',
    'content-type': 'application/json',
    // Older and newer Codex builds read different spellings; the backend derives cache affinity from them.
    session_id: conversationId,
    'session-id': conversationId,
  }
}

export interface ResponsesBody {
  model: string
  instructions: string
  input: InputItem[]
  tools: FunctionToolSpec[]
  tool_choice: 'auto'
  parallel_tool_calls: boolean
  reasoning?: { effort: string; summary: string }
  store: false
  stream: true
  include: string[]
  prompt_cache_key: string
}

export function responsesBody(request: ResponsesRequest): ResponsesBody {
  const { reasoning } = request
  return {
    model: request.model,
    instructions: request.instructions,
    input: request.input.map(withoutId),
    tools: request.tools,
    tool_choice: 'auto',
    parallel_tool_calls: request.parallelToolCalls,
    ...(reasoning ? { reasoning: { effort: reasoning.effort, summary: reasoning.summary } } : {}),
    store: false,
    stream: true,
    include: reasoning ? ['reasoning.encrypted_content'] : [],
    prompt_cache_key: request.conversationId,
  }
}

/** With `store:false` the backend cannot resolve item ids and rejects the whole request when one is present. */
function withoutId(item: InputItem): InputItem {
  if (!('id' in item)) return item
  const { id: _dropped, ...rest } = item as InputItem & { id?: unknown }
  return rest as InputItem
}
