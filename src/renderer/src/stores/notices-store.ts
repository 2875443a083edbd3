/** Errors of user actions and background loads, shown as dismissible alerts. */
import { create } from 'zustand'
import type { AppError } from '../../../shared/errors'
import { toAppError } from '../../../shared/errors'

export interface Notice {
  id: number
  error: AppError
}

interface NoticesState {
  notices: Notice[]
  dismiss(id: number): void
}

let nextNoticeId = 1

export const useNoticesStore = create<NoticesState>()((set) => ({
  notices: [],
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
}))

/** Shows an error once: the same message twice in a row (e.g. every load saying "not implemented") is one notice. */
export function reportError(cause: unknown): AppError {
  const error = toAppError(cause)
  useNoticesStore.setState((state) => {
    if (state.notices.some((notice) => notice.error.message === error.message)) return state
    return { notices: [...state.notices, { id: nextNoticeId++, error }] }
  })
  return error
}
