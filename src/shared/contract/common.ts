import { z } from 'zod'
import { EFFORT_PATTERN } from '../domain'

/** Declares a channel: the payload schema now, the result type as a type argument. */
export function request<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output })
}

export const none = z.undefined()
export const id = z.string().min(1).max(200)
export const modelSlug = z.string().min(1).max(200)
/** An effort as the contract, storage and the model cache accept it: a short token (the backend names new ones). */
export const effortSchema = z.string().regex(EFFORT_PATTERN)
/** A message the user typed: not empty, not absurdly long. */
export const messageText = z
  .string()
  .max(1_000_000)
  .refine((t) => t.trim().length > 0)
