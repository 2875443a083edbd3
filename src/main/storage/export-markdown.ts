import type { DeepReadonly, MessagePart, ReadonlyConversation, ReadonlyMessage } from '../../shared/domain'

/** A fence longer than any backtick run inside, so code in a tool output cannot close it early. */
function fenced(content: string, language = ''): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(Math.max(3, longestRun + 1))
  return `${fence}${language}\n${content}\n${fence}`
}

function prettyArguments(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2)
  } catch {
    return json
  }
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n')
}

function partToMarkdown(part: DeepReadonly<MessagePart>): string | undefined {
  switch (part.kind) {
    case 'text':
      return part.text.trim() ? part.text : undefined
    case 'reasoning':
      return part.summary.length > 0 ? quote(`**Reasoning**\n\n${part.summary.join('\n\n')}`) : undefined
    case 'tool-call': {
      const blocks = [
        `**Tool call: \`${part.name}\`** (${part.state})`,
        fenced(prettyArguments(part.arguments), 'json'),
      ]
      if (part.output !== undefined) blocks.push('Output:', fenced(part.output))
      if (part.error !== undefined) blocks.push(`Error: ${part.error}`)
      return blocks.join('\n\n')
    }
  }
}

function messageHeading(message: ReadonlyMessage): string {
  if (message.role === 'user') return '## You'
  return message.model ? `## Assistant (${message.model})` : '## Assistant'
}

export function conversationToMarkdown(conversation: ReadonlyConversation): string {
  const sections = [`# ${conversation.title}`]
  for (const message of conversation.messages) {
    const parts = message.parts.map(partToMarkdown).filter((part): part is string => part !== undefined)
    if (message.state === 'error' && message.error) parts.push(`_Error: ${message.error.message}_`)
    if (message.state === 'cancelled') parts.push('_Stopped._')
    sections.push([messageHeading(message), ...parts].join('\n\n'))
  }
  return `${sections.join('\n\n')}\n`
}
