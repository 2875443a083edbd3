export { previewToolCall, type ToolCallPreview } from './call-preview'
export { type FilePreview, type PatchPreview, previewPatch, previewWrite, type WritePreview } from './previews'
export { builtinTools, createToolRegistry, type ToolCallRequest, type ToolRegistry, type ToolResult } from './registry'
export { defineTool, type Tool, type ToolContext, ToolError } from './types'
