import type { SidebarEntry } from './domain'

/** The sidebar's order, in main's index and in the renderer alike: pinned first, then newest activity first. */
export function bySidebarOrder(a: SidebarEntry, b: SidebarEntry): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1
  return b.updatedAt - a.updatedAt || b.createdAt - a.createdAt || a.id.localeCompare(b.id)
}
