export { previewToolCall } from './call-preview'
export { previewPatch, previewWrite } from './previews'
export { builtinTools, createToolRegistry, type ToolCallRequest, type ToolRegistry, type ToolResult } from './registry'
export { defineTool, type Tool, type ToolContext, ToolError } from './types'
