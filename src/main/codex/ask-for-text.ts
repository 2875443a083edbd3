import type { CodexClient, OutputItem, ResponsesRequest, StreamOptions } from './types'

function outputText(item: OutputItem): string {
  if (item.type !== 'message' || !Array.isArray(item.content)) return ''
  return item.content
    .map((part: unknown) =>
      typeof (part as { text?: unknown })?.text === 'string' ? (part as { text: string }).text : '',
    )
    .join('')
}

/**
 * Sends a request whose answer is only text the app reads itself (a summary, a title) and returns that text, trimmed:
 * the completed message items when the stream has them, else the streamed deltas. Rejects as `stream` does.
 */
export async function askForText(
  client: CodexClient,
  request: ResponsesRequest,
  options: Omit<StreamOptions, 'onEvent'>,
): Promise<string> {
  const done: string[] = []
  let streamed = ''
  await client.stream(request, {
    ...options,
    onEvent(event) {
      if (event.type === 'output-replaced') {
        done.length = 0
        streamed = ''
      }
      if (event.type === 'text-delta') streamed += event.delta
      const text = event.type === 'output-item-done' ? outputText(event.item) : ''
      if (text) done.push(text)
    },
  })
  return (done.length > 0 ? done.join('\n\n') : streamed).trim()
}
