import { create } from 'zustand'
import type { AccountState } from '../../../shared/domain'
import { call } from '../api'
import { reportError } from './notices-store'
import { useSettingsStore } from './settings-store'

interface AccountStoreState {
  account: AccountState | null
  load(): Promise<void>
  signIn(): Promise<void>
  cancelSignIn(): Promise<void>
  signOut(): Promise<void>
  receive(account: AccountState): void
}

/** The authorize URL already opened, so an event repeating it does not open a second tab. */
let openedAuthorizeUrl: string | null = null

/**
 * In Electron, main opens the system browser itself; in the web shell only the page can open a tab, and the
 * authorize URL may arrive either as the sign-in answer or as an `account:changed` event.
 */
function openAuthorizeUrlInWebShell(account: AccountState): void {
  if (account.status !== 'signing-in' || !account.authorizeUrl) return
  if (useSettingsStore.getState().appInfo?.shell !== 'web') return
  if (openedAuthorizeUrl === account.authorizeUrl) return
  openedAuthorizeUrl = account.authorizeUrl
  window.open(account.authorizeUrl, '_blank', 'noopener')
}

export const useAccountStore = create<AccountStoreState>()((set, get) => ({
  account: null,
  async load() {
    try {
      set({ account: await call('account:get') })
    } catch (error) {
      reportError(error)
    }
  },
  async signIn() {
    try {
      get().receive(await call('account:sign-in'))
    } catch (error) {
      reportError(error)
    }
  },
  async cancelSignIn() {
    try {
      get().receive(await call('account:cancel-sign-in'))
    } catch (error) {
      reportError(error)
    }
  },
  async signOut() {
    try {
      get().receive(await call('account:sign-out'))
    } catch (error) {
      reportError(error)
    }
  },
  receive(account) {
    openAuthorizeUrlInWebShell(account)
    set({ account })
  },
}))
